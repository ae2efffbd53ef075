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

/** What a list request asks for; a continuation token carries all of it, so a nextLink needs nothing else. */
interface ListOptions {
  maxResults: number;
  after: number;
  filter: string | undefined;
  select: string | undefined;
}

/** Reads the OData options once; a bad value is Batch's 400 with the parameter named. */
export function readListOptions(c: RouteContext, limit = 1000): ListOptions {
  const q = c.query;
  const tokenRaw = q.get("$skipToken") ?? q.get("$skiptoken");
  if (tokenRaw !== null) return decodeToken(tokenRaw, limit);
  const maxRaw = q.get("maxresults");
  let maxResults = limit;
  if (maxRaw !== null) {
    maxResults = Number(maxRaw);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > limit) throw Errors.outOfRangeQueryParameter("maxresults", maxRaw);
  }
  return { maxResults, after: 0, filter: q.get("$filter") ?? undefined, select: q.get("$select") ?? undefined };
}

/** The token is opaque to clients (base64url JSON here); one this emulator did not issue is a 400 naming it. */
function decodeToken(raw: string, limit: number): ListOptions {
  const refuse = () => Errors.invalidQueryParameter("$skipToken", raw, "The continuation token is not one this service issued.");
  let t: { a?: unknown; m?: unknown; f?: unknown; s?: unknown };
  try {
    t = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as typeof t;
  } catch {
    throw refuse();
  }
  const ok = t !== null && typeof t === "object" && Number.isSafeInteger(t.a) && Number.isInteger(t.m) && (t.m as number) >= 1 && (t.m as number) <= limit;
  if (!ok || (t.f !== undefined && typeof t.f !== "string") || (t.s !== undefined && typeof t.s !== "string")) throw refuse();
  return { after: t.a as number, maxResults: t.m as number, filter: t.f as string | undefined, select: t.s as string | undefined };
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
  if (page.more) body["odata.nextLink"] = nextLink(c, { ...opts, after: page.lastSeq });
  return { status: 200, json: body };
}

/**
 * GET of one entity: pool, node, job and task gets take $select as their lists do (docs/real-service.md, "The SDK"). The body
 * starts with odata.metadata `#<set>/@Element` even when $select leaves out everything else (docs/real-service.md).
 */
export function entityReply(c: RouteContext, selectable: ReadonlySet<string>, json: object, set: string, headers?: Record<string, string>): Reply {
  let selected: ReadonlySet<string> | undefined;
  try {
    selected = parseSelect(c.query.get("$select") ?? undefined, selectable);
  } catch (e) {
    odataError(e);
  }
  return {
    status: 200,
    json: { "odata.metadata": `${c.baseUrl}/$metadata#${set}/@Element`, ...applySelect(json, selected) },
    ...(headers ? { headers } : {}),
  };
}

/**
 * The documented form, `<list url>?$skipToken=<opaque>&api-version=<version>`: the SDK follows it verbatim, and
 * the token, not repeated query options, carries $filter, $select and maxresults to the next page.
 */
export function nextLink(c: RouteContext, next: ListOptions): string {
  const token = Buffer.from(JSON.stringify({ a: next.after, m: next.maxResults, f: next.filter, s: next.select })).toString("base64url");
  const version = c.query.get("api-version") ?? "";
  return `${c.baseUrl}${c.path}?$skipToken=${token}&api-version=${encodeURIComponent(version)}`;
}

const metadataName = (path: string) => path.split("/").filter(Boolean).at(-1) ?? "";
