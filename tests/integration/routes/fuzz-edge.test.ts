import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { demoRouteIds, everyRoute, serverStateRoutes, type RouteCase, type RouteIds } from "./route-table";
import { call, emulatorPerSuite } from "./support";
import { expectSafeAnswer, idAtLimits, nastyString, numberish, RUNS } from "./fuzz-support";

// Every route's path parameters and query, fed arbitrary and hostile values (fast-check): whatever comes
// in, the answer is never a 5xx, errors come in the one JSON body, no stack frame or server path leaks,
// and no header carries the input. A path parameter outside Batch's own id rules is refused with a 400
// before any Batch call: the emulator's request counter (read in process: a control call per run would
// cost more than the route) must not move.
const env = emulatorPerSuite({ scenario: "demo", account: "fuzz-edge" });
const a = () => env.account;

let ids: RouteIds;
beforeAll(async () => {
  ids = await demoRouteIds(env.sdk);
});

const routes = (): RouteCase[] => [...everyRoute(a(), ids), ...serverStateRoutes(a(), ids)];
const PLACEHOLDER: RouteIds = { poolId: "p", nodeId: "n", jobId: "j", taskId: "t", taskFile: "f", nodeFile: "f" };
const ROUTE_NAMES = [...everyRoute("x", PLACEHOLDER), ...serverStateRoutes("x", PLACEHOLDER)].map((r) => r.name);
const byName = (name: string) => routes().find((r) => r.name === name)!;
/** Routes that change something on Batch: a valid query makes them act, so they get fewer runs. */
const ACTING = new Set(["actions", "connect", "remove user", "take snapshot", "delete snapshot"]);

const userId = /^[A-Za-z0-9_-]{1,64}$/;
/** The Batch service's rules for each path parameter (docs/real-service.md), as the oracle the routes are held to. */
const RULES: Record<string, RegExp> = {
  account: /^[A-Za-z0-9-]{1,64}$/,
  poolId: userId,
  taskId: userId,
  scheduleId: userId,
  jobId: /^[A-Za-z0-9_-]{1,64}(:job-[0-9]{1,10})?$/,
  nodeId: /^[A-Za-z0-9_-]{1,128}$/,
  userName: /^bs-[a-z2-9]{8}$/,
  snapshotId: /^[A-Za-z0-9_-]{22}$/,
  recordId: /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
};

/** What Next.js hands a route: one decoding done; ours decodes once more (a scheduled job's colon may stay encoded). */
const decodedOnce = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

describe("path parameters: arbitrary values → a 400 before Batch, or a safe answer", () => {
  it.each(ROUTE_NAMES.filter((n) => n !== "task file" && n !== "node file"))("%s", async (name) => {
    const route = byName(name);
    const keys = Object.keys(route.params).filter((k) => k !== "path");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.oneof(nastyString, idAtLimits), async (key, value) => {
        const refused = !RULES[key]!.test(decodedOnce(value));
        const before = env.emu.stats.total;
        const r = await call(route.handler, route.url, { ...route.params, [key]: value });
        expectSafeAnswer(r, `${name} ${key}=${JSON.stringify(value)}`);
        if (refused) {
          expect(r.status, `${key}=${JSON.stringify(value)}: ${r.text}`).toBe(400);
          expect(env.emu.stats.total, "no Batch request").toBe(before);
        }
      }),
      { numRuns: ACTING.has(name) ? Math.ceil(RUNS / 2) : RUNS },
    );
  });
});

/** Every query name any route reads, and a few no route reads. */
const QUERY_KEYS = [
  ...["window", "from", "to", "buckets", "nodeId", "cellFrom", "cellTo", "state", "category", "exitCode", "pageSize", "cursor"],
  ...["poolId", "counts", "recursive", "nodes", "node", "pool", "actor", "action", "limit", "offset", "length", "properties", "line"],
  ...["", "__proto__", "constructor", "hasOwnProperty", "api-version", "$filter", "a[]", "%00"],
];
/** Values that some route accepts, so a query gets past the first check now and then. */
const PLAUSIBLE = ["1h", "7d", "15m", "true", "false", "1", "completed", "running", "render-linux", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00+01:00"];
/** Times at the edges of what an ISO 8601 check lets through: year 0 and 9999, far offsets, nanoseconds, any instant. */
const isoish = fc.oneof(
  fc.constantFrom("0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-01-01T00:00:00.123456789Z", "2026-01-01T00:00:00-23:59", "2026-02-30T00:00:00Z"),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const queryValue = fc.oneof(nastyString, numberish, idAtLimits, isoish, fc.constantFrom(...PLAUSIBLE));
const queryPairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), nastyString), queryValue), { minLength: 1, maxLength: 6 });

/**
 * The pairs on the route's own URL, percent-encoded as a browser sends them (or raw). A name the route's
 * URL already has (a preview's nodes, a cell's nodeId) is dropped from it, so the fuzzed value is the one
 * read; repeats among the pairs stay repeated.
 */
function withQuery(url: string, pairs: readonly [string, string][], raw: boolean): string {
  const target = new URL(url, "http://localhost");
  const own = new URLSearchParams(target.search);
  for (const [k] of pairs) own.delete(k);
  const extra = pairs.map(([k, v]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join("&");
  return `${target.pathname}?${own.size ? `${own}&` : ""}${extra}`;
}

describe("query: arbitrary names, values and repeats → never a 5xx, never a leak", () => {
  it.each(ROUTE_NAMES.filter((n) => n !== "task file" && n !== "node file"))("%s", async (name) => {
    const route = byName(name);
    await fc.assert(
      fc.asyncProperty(queryPairs, fc.boolean(), async (pairs, raw) => {
        let url: string;
        try {
          url = new URL(withQuery(route.url, pairs, raw), "http://localhost").href;
        } catch {
          return; // not a URL at all: no request could carry it
        }
        const r = await call(route.handler, url, route.params);
        expectSafeAnswer(r, `${name} ${url.slice(0, 300)}`);
      }),
      { numRuns: ACTING.has(name) ? Math.ceil(RUNS / 4) : RUNS },
    );
  });
});
