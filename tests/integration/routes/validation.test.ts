import { beforeAll, describe, expect, it } from "vitest";
import { demoRouteIds, everyRoute, handlers, type RouteCase, type RouteIds } from "./route-table";
import { call, emulatorPerSuite, expectApiError, type RouteParams } from "./support";

// Bad ids, paths and query values are refused with a 400 that names what was wrong, before any Batch call:
// the emulator's request counter must not move.
const env = emulatorPerSuite({ scenario: "demo", account: "validation-demo" });
const a = () => env.account;

let ids: RouteIds;
beforeAll(async () => {
  ids = await demoRouteIds(env.sdk);
});

const long = "x".repeat(65);

/** A case: a route by name, with ids, params or the query changed. */
interface Bad {
  route: string;
  ids?: Partial<RouteIds>;
  params?: Partial<RouteParams>;
  query?: string;
  /** The message must name what was wrong. */
  says: RegExp;
}

const CASES: [string, Bad][] = [
  ["poolId with dots", { route: "pool", ids: { poolId: "bad..id" }, says: /poolId/ }],
  ["poolId with a space", { route: "pool", ids: { poolId: "a b" }, says: /poolId/ }],
  ["poolId of 65 characters", { route: "pool", ids: { poolId: long }, says: /poolId.*64/ }],
  ["poolId with a slash (nodes)", { route: "nodes", ids: { poolId: "a/b" }, says: /poolId/ }],
  ["poolId empty (heatmap)", { route: "pool heatmap", ids: { poolId: "" }, says: /poolId/ }],
  ["nodeId with a space", { route: "node", ids: { nodeId: "a b" }, says: /nodeId/ }],
  ["nodeId of 129 characters (node files)", { route: "node files", ids: { nodeId: "x".repeat(129) }, says: /nodeId.*128/ }],
  ["nodeId with a dot (node files)", { route: "node files", ids: { nodeId: "tvmps_ab.d" }, says: /nodeId/ }],
  ["jobId with dots", { route: "job", ids: { jobId: "bad..id" }, says: /jobId/ }],
  ["jobId with a quote (tasks: would break the OData filter)", { route: "tasks", ids: { jobId: "a'b" }, says: /jobId/ }],
  ["jobId of 65 characters (job heatmap)", { route: "job heatmap", ids: { jobId: long }, says: /jobId/ }],
  ["jobId with a colon but not a scheduled job's form", { route: "job", ids: { jobId: "nightly:x" }, says: /jobId/ }],
  ["jobId with two colons", { route: "tasks", ids: { jobId: "a:job-1:job-2" }, says: /jobId/ }],
  ["taskId with a space", { route: "task", ids: { taskId: "a b" }, says: /taskId/ }],
  ["taskId of 65 characters (task files)", { route: "task files", ids: { taskId: long }, says: /taskId/ }],
  ["account with a space", { route: "pools", params: { account: "bad account" }, says: /account/ }],
  ["account of 65 characters", { route: "jobs", params: { account: long }, says: /account/ }],

  ["task file path with ..", { route: "task file", params: { path: ["..", "..", "etc", "passwd"] }, says: /path.*'\.\.'/ }],
  ["task file path with .. inside", { route: "task file", params: { path: ["wd", "..", "..", "x"] }, says: /path.*'\.\.'/ }],
  ["task file path with ..\\ (Windows)", { route: "task file", params: { path: ["wd\\..\\..\\x"] }, says: /path.*'\.\.'/ }],
  ["task file absolute path", { route: "task file", params: { path: ["/etc/passwd"] }, says: /path.*relative/ }],
  ["task file drive path", { route: "task file", params: { path: ["C:", "Windows", "win.ini"] }, says: /path.*relative/ }],
  ["task file UNC path", { route: "task file", params: { path: ["\\\\server\\share"] }, says: /path.*relative/ }],
  ["task file path with NUL", { route: "task file", params: { path: ["std\u0000out.txt"] }, says: /path.*control character/ }],
  ["task file path with ESC", { route: "task file", params: { path: ["a\u001b[31m.txt"] }, says: /path.*control character/ }],
  ["task file path with a newline", { route: "task file", params: { path: ["a\nb"] }, says: /path.*control character/ }],
  ["task file empty path", { route: "task file", params: { path: [] }, says: /path.*empty/ }],
  ["task file path over 1024 characters", { route: "task file", params: { path: ["d".repeat(1025)] }, says: /path.*1024/ }],
  ["node file path with ..", { route: "node file", params: { path: ["startup", "..", "..", "root"] }, says: /path.*'\.\.'/ }],
  ["node file absolute path", { route: "node file", params: { path: ["/etc/shadow"] }, says: /path.*relative/ }],
  ["node file path with NUL", { route: "node file", params: { path: ["startup", "x\u0000"] }, says: /path.*control character/ }],

  ["file offset -1", { route: "task file", query: "offset=-1", says: /offset/ }],
  ["file offset not a number", { route: "node file", query: "offset=abc", says: /offset/ }],
  ["file length 0", { route: "task file", query: "length=0", says: /length/ }],
  ["file length over 8 MiB", { route: "task file", query: `length=${8 * 1024 * 1024 + 1}`, says: /length.*8 MiB/ }],
  ["file properties=yes", { route: "node file", query: "properties=yes", says: /properties/ }],
  ["file list recursive=maybe", { route: "task files", query: "recursive=maybe", says: /recursive/ }],

  ["window=2h (heatmap)", { route: "pool heatmap", query: "window=2h", says: /window/ }],
  ["window=2h (failures)", { route: "pool failures", query: "window=2h", says: /window/ }],
  ["window=2h (job heatmap)", { route: "job heatmap", query: "window=2h", says: /window/ }],
  ["window=2h (tasks)", { route: "tasks", query: "window=2h", says: /window/ }],
  ["from without to (job failures)", { route: "job failures", query: "from=2026-11-27T10:00:00Z", says: /from.*together/ }],
  ["to without from (heatmap)", { route: "pool heatmap", query: "to=2026-11-27T10:00:00Z", says: /from.*together/ }],
  ["from without to (tasks)", { route: "tasks", query: "from=2026-11-27T10:00:00Z", says: /from.*together/ }],
  ["from after to", { route: "pool failures", query: "from=2026-11-27T11:00:00Z&to=2026-11-27T10:00:00Z", says: /from must be before to/ }],
  ["from not ISO 8601", { route: "job heatmap", query: "from=yesterday&to=2026-11-27T10:00:00Z", says: /from.*ISO 8601/ }],
  ["a window over 31 days", { route: "pool heatmap", query: "from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", says: /to.*31 days/ }],
  ["buckets=0", { route: "pool heatmap", query: "buckets=0", says: /buckets/ }],
  ["buckets=1000", { route: "job heatmap", query: "buckets=1000", says: /buckets/ }],

  ["pageSize=0", { route: "tasks", query: "pageSize=0", says: /pageSize/ }],
  ["pageSize=5000", { route: "tasks", query: "pageSize=5000", says: /pageSize/ }],
  ["pageSize=ten", { route: "tasks", query: "pageSize=ten", says: /pageSize/ }],
  ["state=done", { route: "tasks", query: "state=done", says: /state/ }],
  ["category=Bogus", { route: "tasks", query: "category=Bogus", says: /category/ }],
  ["exitCode=1.5", { route: "tasks", query: "exitCode=1.5", says: /exitCode/ }],
  ["exitCode beyond 32 bits", { route: "tasks", query: "exitCode=4294967296", says: /exitCode/ }],
  ["nodeId filter with a quote", { route: "tasks", query: "nodeId=a'b", says: /nodeId/ }],
  ["cursor with characters no cursor has", { route: "tasks", query: "cursor=abc%2Fdef", says: /cursor/ }],
  ["jobs poolId with a quote", { route: "jobs", query: "poolId=x'%20or%20'1'%20eq%20'1", says: /poolId/ }],
  ["jobs state=bogus", { route: "jobs", query: "state=bogus", says: /state/ }],
  ["jobs counts=maybe", { route: "jobs", query: "counts=maybe", says: /counts/ }],
];

function build(bad: Bad): RouteCase {
  const base = everyRoute(a(), { ...ids, ...bad.ids }).find((r) => r.name === bad.route)!;
  const url = new URL(base.url, "http://localhost");
  if (bad.query) for (const [k, v] of new URLSearchParams(bad.query)) url.searchParams.set(k, v);
  return { ...base, url: url.pathname + url.search, params: { ...base.params, ...bad.params } as RouteParams };
}

describe("bad ids, paths and query values → 400 without a Batch call", () => {
  it.each(CASES)("%s", async (_name, bad) => {
    await env.resetStats();
    const route = build(bad);
    const r = await call(route.handler, route.url, route.params);
    const e = expectApiError(r, "badRequest", 400);
    expect(e).toMatchObject({ status: 400, code: "InvalidInput" });
    expect(e.message).toMatch(bad.says);
    expect((await env.stats()).total, "no Batch request").toBe(0);
  });

  it("a heatmap cell without a node, with a bad time, or empty → 400", async () => {
    await env.resetStats();
    const base = `/api/accounts/${a()}/pools/${ids.poolId}/heatmap/cell`;
    const params = { account: a(), poolId: ids.poolId };
    const cases: [string, RegExp][] = [
      ["?cellFrom=2026-01-01T00:00:00Z&cellTo=2026-01-01T00:01:00Z", /nodeId/],
      [`?nodeId=${ids.nodeId}&cellFrom=noon&cellTo=2026-01-01T00:01:00Z`, /cellFrom/],
      [`?nodeId=${ids.nodeId}&cellFrom=2026-01-01T00:01:00Z&cellTo=2026-01-01T00:01:00Z`, /cellFrom must be before cellTo/],
      [`?nodeId=a%20b&cellFrom=2026-01-01T00:00:00Z&cellTo=2026-01-01T00:01:00Z`, /nodeId/],
    ];
    for (const [q, says] of cases) {
      const e = expectApiError(await call(handlers.poolHeatmapCellGET, base + q, params), "badRequest", 400);
      expect(e.message, q).toMatch(says);
    }
    expect((await env.stats()).total).toBe(0);
  });
});

describe("a forged cursor → 400, and its link is never followed", () => {
  const cursor = (link: string | null, skip: number) => Buffer.from(JSON.stringify([link, skip])).toString("base64url");
  const tasksOf = (jobId: string, c: string) => call(handlers.tasksGET, `/api/accounts/${a()}/jobs/${jobId}/tasks?cursor=${c}`, { account: a(), jobId });

  it.each([
    ["another host", () => cursor("http://evil.example/jobs/render-frames/tasks?api-version=2022-10-01.16.0&$skiptoken=1", 0)],
    ["another host that merely contains the job's path", () => cursor(`http://evil.example/?${env.emu.url}/jobs/render-frames/tasks?`, 0)],
    ["another job on the same account", () => cursor(`${env.emu.url}/jobs/etl-nightly/tasks?api-version=2022-10-01.16.0&$skiptoken=1`, 0)],
    ["another resource on the same account", () => cursor(`${env.emu.url}/pools?api-version=2022-10-01.16.0`, 0)],
    ["a job whose id starts like this one", () => cursor(`${env.emu.url}/jobs/render-frames-2/tasks?api-version=2022-10-01.16.0`, 0)],
    ["an offset past any Batch page", () => cursor(null, 5000)],
    ["a negative offset", () => cursor(null, -1)],
    ["not JSON", () => Buffer.from("not a cursor").toString("base64url")],
  ])("%s", async (_name, make) => {
    await env.resetStats();
    const r = await tasksOf("render-frames", make());
    const e = expectApiError(r, "badRequest", 400);
    expect(e.message).toMatch(/cursor/i);
    expect((await env.stats()).total, "no Batch request").toBe(0);
  });
});
