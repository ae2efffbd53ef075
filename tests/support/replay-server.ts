import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { freePort } from "./servers";

/**
 * A Batch account made of recordings: a real HTTP server on a loopback port that answers the @azure/batch
 * SDK with responses recorded from the real service (tests/fixtures/recorded, see its README.md). It
 * answers by method and path, as the service does (ids case-insensitive), keeps the recorded status,
 * header names and body, and rewrites only what the SDK follows (odata.nextLink) to its own origin.
 * Authentication is not checked (the SDK still signs); api-version is required, as the service requires it.
 */

export interface Fixture {
  source: string;
  recorded: string;
  apiVersion: string;
  derived?: string;
  note?: string;
  request: { method: string; path: string; query?: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

export interface ReplayRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The fixture that answered, or undefined for a made-up error (unknown path, missing api-version). */
  fixture?: string;
  /** The request-id header of the answer. */
  requestId?: string;
}

export interface ReplayServer {
  url: string;
  /** Every request received, in order. */
  requests: ReplayRequest[];
  /** Requests received for one method and path (compared as the server matches them). */
  count(method: string, path: string): number;
  close(): Promise<void>;
}

const FIXTURE_DIR = join(process.cwd(), "tests", "fixtures", "recorded");

/** Query parameters that pick a different answer for the same path; every other one ($select, timeout, …) is ignored. */
const MATCHED_QUERY = ["$filter", "$skiptoken"] as const;

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), "utf8")) as Fixture;
}

/** A path as the service compares it: percent-decoded (the SDK encodes ':' and '\' in ids and file paths) and case-folded. */
export function normalizePath(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return decoded.replace(/\/+$/, "").toLowerCase() || "/";
}

/** The key a request or fixture is filed under: method, normalised path and the query parameters that select an answer. */
export function matchKey(method: string, path: string, query: Record<string, string | undefined> = {}): string {
  const selected = MATCHED_QUERY.filter((k) => query[k] !== undefined).map((k) => `${k}=${query[k]}`);
  return `${method.toUpperCase()} ${normalizePath(path)}${selected.length ? `?${selected.join("&")}` : ""}`;
}

/** What the service says is missing for a path nobody recorded: the first collection member it does not know. */
const NOT_FOUND: Record<string, [code: string, what: string]> = {
  pools: ["PoolNotFound", "pool"],
  nodes: ["NodeNotFound", "node"],
  jobs: ["JobNotFound", "job"],
  tasks: ["TaskNotFound", "task"],
  jobschedules: ["JobScheduleNotFound", "job schedule"],
  users: ["NodeUserNotFound", "node user"],
  files: ["FileNotFound", "file"],
};

export function missingResource(path: string, known: ReadonlySet<string>): { code: string; message: string } {
  const parts = normalizePath(path).split("/").filter(Boolean);
  let prefix = "";
  let last: [string, string] = ["ResourceNotFound", "resource"];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const collection = parts[i]!;
    // A file path may hold slashes: everything after /files/ is one name.
    const id = collection === "files" ? parts.slice(i + 1).join("/") : parts[i + 1]!;
    prefix += `/${collection}/${id}`;
    last = NOT_FOUND[collection] ?? ["ResourceNotFound", "resource"];
    if (!known.has(prefix) || collection === "files") break;
  }
  return { code: last[0], message: `The specified ${last[1]} does not exist.` };
}

/** Every path prefix the fixtures know, so a 404 names the first unknown resource of a path. */
function knownPrefixes(fixtures: readonly Fixture[]): Set<string> {
  const known = new Set<string>();
  for (const f of fixtures) {
    const parts = normalizePath(f.request.path).split("/").filter(Boolean);
    for (let i = 1; i <= parts.length; i++) known.add(`/${parts.slice(0, i).join("/")}`);
  }
  return known;
}

/** Batch's time in an error message: ISO with 7 fractional digits (real-service-facts §6). */
const serviceTime = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");

/**
 * An error in the form of the recorded ones (error-404-node-user-not-found.json): odata.metadata, code,
 * message {lang, value ending in RequestId and Time}, the same request-id header, Content-Length and no
 * Transfer-Encoding, and the message text as the HTTP reason phrase.
 */
function sendError(res: ServerResponse, origin: string, status: number, code: string, text: string): string {
  const requestId = randomUUID();
  const now = new Date();
  const body = JSON.stringify({
    "odata.metadata": `${origin}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element`,
    code,
    message: { lang: "en-US", value: `${text}\nRequestId:${requestId}\nTime:${serviceTime(now)}` },
  });
  res.statusCode = status;
  res.statusMessage = text;
  res.setHeader("Server", "Microsoft-HTTPAPI/2.0");
  res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("DataServiceVersion", "3.0");
  res.setHeader("request-id", requestId);
  res.setHeader("Date", now.toUTCString());
  res.setHeader("Content-Length", String(Buffer.byteLength(body)));
  res.setHeader("Content-Type", "application/json;odata=minimalmetadata");
  res.end(res.req.method === "HEAD" ? undefined : body);
  return requestId;
}

/** bytes=a-b, bytes=a- and bytes=-n of a body of `size` bytes; undefined when it cannot be served. */
export function byteRange(value: string, size: number): [start: number, end: number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") return size === 0 ? undefined : [Math.max(0, size - Number(m[2])), size - 1];
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || end < start ? undefined : [start, end];
}

/** The recorded body, with odata.nextLink pointed at this server: the one URL the SDK follows. */
function bodyBytes(fixture: Fixture, origin: string): Buffer | undefined {
  const body = fixture.response.body;
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  const copy = { ...(body as Record<string, unknown>) };
  const next = copy["odata.nextLink"];
  if (typeof next === "string") {
    const u = new URL(next);
    copy["odata.nextLink"] = `${origin}${u.pathname}${u.search}`;
  }
  return Buffer.from(JSON.stringify(copy), "utf8");
}

function sendFixture(req: IncomingMessage, res: ServerResponse, fixture: Fixture, origin: string): void {
  const { status, headers } = fixture.response;
  let bytes = bodyBytes(fixture, origin);
  let chunked = false;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === "transfer-encoding") chunked = value.toLowerCase() === "chunked";
    // A HEAD keeps its recorded Content-Length (the file's size); a body's length is counted afresh below.
    else if (lower !== "content-length" || !bytes) res.setHeader(name, value);
  }
  const range = req.headers["ocp-range"];
  if (bytes && typeof range === "string") {
    const r = byteRange(range, bytes.length);
    // The SDK declares only 200 for a file GET (lib/emulator/handlers/files.ts): a range is served as 200 with its bytes.
    if (r) bytes = bytes.subarray(r[0], r[1] + 1);
  }
  const lengthName = Object.keys(headers).find((h) => h.toLowerCase() === "content-length") ?? "Content-Length";
  if (bytes && !chunked) res.setHeader(lengthName, String(bytes.length));
  res.writeHead(status);
  if (!bytes || req.method === "HEAD") return void res.end();
  // Recorded chunked stays chunked: written before end, Node sends it without a Content-Length.
  if (chunked) res.write(bytes);
  res.end(chunked ? undefined : bytes);
}

/** Starts a replay server answering from the named fixtures (a later one wins for the same request). */
export async function startReplayServer(names: readonly string[]): Promise<ReplayServer> {
  const fixtures = names.map((n) => ({ name: n, fixture: loadFixture(n) }));
  const byKey = new Map(
    fixtures.map(({ name, fixture }) => [matchKey(fixture.request.method, fixture.request.path, fixture.request.query), { name, fixture }]),
  );
  const known = knownPrefixes(fixtures.map((f) => f.fixture));
  const requests: ReplayRequest[] = [];
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = createServer((req, res) => {
    // The recorded Date is part of the recording: the dashboard's service clock reads it.
    res.sendDate = false;
    const url = new URL(req.url ?? "/", origin);
    const query = Object.fromEntries(url.searchParams);
    const entry: ReplayRequest = { method: req.method ?? "GET", path: url.pathname, query };
    requests.push(entry);
    req.resume();
    if (!url.searchParams.get("api-version")) {
      entry.requestId = sendError(res, origin, 400, "MissingRequiredQueryParameter", "A query parameter that's mandatory for this request is not specified.");
      return;
    }
    const hit = byKey.get(matchKey(entry.method, url.pathname, query));
    if (!hit) {
      const missing = missingResource(url.pathname, known);
      entry.requestId = sendError(res, origin, 404, missing.code, missing.message);
      return;
    }
    entry.fixture = hit.name;
    entry.requestId = Object.entries(hit.fixture.response.headers).find(([k]) => k.toLowerCase() === "request-id")?.[1];
    sendFixture(req, res, hit.fixture, origin);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: origin,
    requests,
    count: (method, path) => requests.filter((r) => matchKey(r.method, r.path) === matchKey(method, path)).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
