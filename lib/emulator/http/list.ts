import { Errors } from "../errors";
import { compileFilter, ODataError, type FilterSchema } from "../odata/filter";
import { applySelect, parseSelect } from "../odata/select";
import type { OrderedCollection } from "../model/ordered";
import type { Reply, RouteContext } from "./router";

export interface ListSpec<T> {
  filter: FilterSchema;
  selectable: ReadonlySet<string>;
  /** What $filter is evaluated on: the stored wire object. */
  filterView: (item: T) => object;
  toWire: (item: T) => object;
  maxResultsLimit?: number;
  /** A list-level predicate applied before $filter (e.g. the directory listing's recursive flag). */
  where?: (item: T) => boolean;
}

/** Reads the OData options once; a bad value is Batch's 400 with the parameter named. */
export function readListOptions(c: RouteContext, limit = 1000) {
  const q = c.query;
  const maxRaw = q.get("maxresults");
  let maxResults = limit;
  if (maxRaw !== null) {
    maxResults = Number(maxRaw);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > limit) throw Errors.outOfRangeQueryParameter("maxresults", maxRaw);
  }
  const tokenRaw = q.get("$skiptoken");
  const after = tokenRaw === null ? 0 : Number.parseInt(tokenRaw, 36);
  if (tokenRaw !== null && (!/^[0-9a-z]+$/.test(tokenRaw) || !Number.isFinite(after))) {
    throw Errors.invalidQueryParameter("$skiptoken", tokenRaw, "The continuation token is not one this service issued.");
  }
  return { maxResults, after, filter: q.get("$filter") ?? undefined, select: q.get("$select") ?? undefined };
}

export function odataError(e: unknown): never {
  if (e instanceof ODataError) throw Errors.invalidQueryParameter(e.parameter, e.value, e.message);
  throw e;
}

/** One page of a list with `odata.nextLink` on the emulator's own origin. */
export function listPage<T>(c: RouteContext, items: OrderedCollection<T>, spec: ListSpec<T>): Reply {
  const opts = readListOptions(c, spec.maxResultsLimit);
  let predicate: (item: object) => boolean = () => true;
  let selected: ReadonlySet<string> | undefined;
  try {
    if (opts.filter) predicate = compileFilter(opts.filter, spec.filter);
    selected = parseSelect(opts.select, spec.selectable);
  } catch (e) {
    odataError(e);
  }
  const where = spec.where;
  const page = items.page(opts.after, opts.maxResults, (item) => (!where || where(item)) && predicate(spec.filterView(item)));
  const value = page.items.map((item) => applySelect(spec.toWire(item), selected));
  const body: Record<string, unknown> = { "odata.metadata": `${c.baseUrl}/$metadata#${metadataName(c.path)}`, value };
  if (page.more) body["odata.nextLink"] = nextLink(c, page.lastSeq);
  return { status: 200, json: body };
}

/** GET of one entity: pool, node, job and task gets take $select as their lists do (batch-api.md §2.3). */
export function entityReply(c: RouteContext, selectable: ReadonlySet<string>, json: object): Reply {
  let selected: ReadonlySet<string> | undefined;
  try {
    selected = parseSelect(c.query.get("$select") ?? undefined, selectable);
  } catch (e) {
    odataError(e);
  }
  return { status: 200, json: applySelect(json, selected) };
}

export function nextLink(c: RouteContext, lastSeq: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of c.query) if (k !== "$skiptoken" && !q.has(k)) q.set(k, v);
  q.set("$skiptoken", lastSeq.toString(36));
    // %20 rather than "+": both decode to a space, but %20 is what the SDK itself sends.
  return `${c.baseUrl}${c.path}?${q.toString().replace(/%24/g, "$").replace(/\+/g, "%20")}`;
}

const metadataName = (path: string) => path.split("/").filter(Boolean).at(-1) ?? "";
