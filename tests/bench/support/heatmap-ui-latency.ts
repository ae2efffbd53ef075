// `--latency` of the heatmap UI benchmark: navigation → painted 24 h heatmap under Batch latency, with the
// page's own timeline (document, scripts, hydration, long tasks) and its /api requests against the paint.
import type { Browser, Page, Request } from "@playwright/test";
import type { Emulator } from "../../../lib/emulator/server";
import { newContext } from "./heatmap-ui-frames";

const PAINT_TIMEOUT_MS = 180_000;

/** The latency profile of the browser goal: every Batch call a 100 ms round trip, big pages more. */
export const LATENCY = { latencyMs: 100, perItemMs: 0.5 };

interface ApiRequest {
  path: string;
  startMs: number;
  endMs?: number;
}

/** Where the time before the paint went, in ms from the navigation's start (the page's own clock). */
interface Timeline {
  docResponseStart: number;
  docResponseEnd: number;
  docBytes: number;
  domContentLoaded: number;
  scripts: number;
  scriptBytes: number;
  scriptsEnd: number;
  /** React took the document (hydrateRoot ran) and the heatmap panel's element became React's. */
  rootTaken?: number;
  panelHydrated?: number;
  longTasks: number;
  longTaskMs: number;
}

interface LatencyLoad {
  label: string;
  paintedMs: number;
  timeline: Timeline;
  requests: ApiRequest[];
}

/**
 * Registered before the page's own scripts: a long-task observer (long tasks are not buffered for a late
 * observer) and a per-frame look at when React takes the document and the heatmap panel. React marks the
 * nodes it owns with `__reactContainer$…` / `__reactFiber$…` properties; the panel's element gets its fiber
 * when its Suspense boundary hydrates.
 */
const WATCH = `(() => {
  const t = (globalThis.__timeline = { long: [] });
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) t.long.push([e.startTime, e.duration]); }).observe({ type: "longtask" }); } catch {}
  const owned = (el, prefix) => !!el && Object.keys(el).some((k) => k.startsWith(prefix));
  const look = (now) => {
    if (t.rootTaken === undefined && owned(document, "__reactContainer$")) t.rootTaken = now;
    if (t.panelHydrated === undefined && owned(document.querySelector("[data-heatmap-panel]"), "__reactFiber$")) t.panelHydrated = now;
    if (t.panelHydrated === undefined) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

async function timeline(page: Page, paintedMs: number): Promise<Timeline> {
  return page.evaluate((painted) => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    // The document's own scripts (asked for before it was parsed), not the chunks loaded later on demand.
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
      (e) => e.initiatorType === "script" && e.startTime < nav.domContentLoadedEventStart,
    );
    const t = (globalThis as unknown as { __timeline: { long: [number, number][]; rootTaken?: number; panelHydrated?: number } }).__timeline;
    const long = t.long.filter(([start]) => start < painted);
    return {
      docResponseStart: nav.responseStart,
      docResponseEnd: nav.responseEnd,
      docBytes: nav.encodedBodySize,
      domContentLoaded: nav.domContentLoadedEventStart,
      scripts: scripts.length,
      scriptBytes: scripts.reduce((a, e) => a + e.encodedBodySize, 0),
      scriptsEnd: Math.max(0, ...scripts.map((e) => e.responseEnd)),
      rootTaken: t.rootTaken,
      panelHydrated: t.panelHydrated,
      longTasks: long.length,
      longTaskMs: long.reduce((a, [, d]) => a + d, 0),
    };
  }, paintedMs);
}

/**
 * One load under latency, with the page's /api requests timed from the navigation's start: which of them
 * the paint waited for (ended before it), and which were still running when it painted.
 */
async function latencyLoad(browser: Browser, url: string, account: string, label: string): Promise<LatencyLoad> {
  const context = await newContext(browser);
  await context.addInitScript({ content: WATCH });
  const page = await context.newPage();
  const t0 = Date.now();
  // By the request itself: one URL may be a prefix of another's (the pool, and the pool's heatmap).
  const requests = new Map<Request, ApiRequest>();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/api/")) requests.set(r, { path: u.pathname.replace(`/api/accounts/${account}`, "") + u.search, startMs: Date.now() - t0 });
  });
  page.on("requestfinished", (r) => {
    const q = requests.get(r);
    if (q) q.endMs = Date.now() - t0;
  });
  try {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => performance.getEntriesByName("heatmap-painted").length > 0, undefined, { timeout: PAINT_TIMEOUT_MS, polling: 50 });
    const paintedMs = await page.evaluate(() => performance.getEntriesByName("heatmap-painted")[0]!.startTime);
    return { label, paintedMs, timeline: await timeline(page, paintedMs), requests: [...requests.values()] };
  } finally {
    await context.close();
  }
}

/**
 * Waits until the dashboard's read of every completed task of the window (started after the first answer)
 * has ended: a later row measured while it still ran would share the machine's two cores and the emulator
 * with it, and no longer be the cold or warm load it is named for.
 */
async function fullReadDone(base: string, { account, pool }: { account: string; pool: string }): Promise<void> {
  const url = `${base}/api/accounts/${account}/pools/${pool}/heatmap/progress?window=24h`;
  for (const until = Date.now() + PAINT_TIMEOUT_MS; Date.now() < until; await new Promise((r) => setTimeout(r, 500))) {
    const res = await fetch(url);
    const body = (await res.json()) as { loading?: boolean };
    if (res.ok && body.loading === false) return;
  }
  throw new Error(`the full read of ${pool}'s 24 h window still ran after ${PAINT_TIMEOUT_MS} ms`);
}

const at = (x: number | undefined) => (x === undefined ? "–" : `${Math.round(x)} ms`);

function report(r: LatencyLoad): string[] {
  const t = r.timeline;
  const out = [
    `${r.label}: painted at ${(r.paintedMs / 1000).toFixed(2)} s`,
    `  document: first byte ${at(t.docResponseStart)}, last byte ${at(t.docResponseEnd)} (${(t.docBytes / 1024).toFixed(0)} KiB on the wire), DOMContentLoaded ${at(t.domContentLoaded)}`,
    `  the document's scripts: ${t.scripts} (${(t.scriptBytes / 1024).toFixed(0)} KiB on the wire), last one in at ${at(t.scriptsEnd)}`,
    `  hydration: React took the document at ${at(t.rootTaken)}, the heatmap panel at ${at(t.panelHydrated)}; long tasks before the paint: ${t.longTasks}, ${Math.round(t.longTaskMs)} ms`,
  ];
  // Node's clock, from the navigation's start as Playwright saw it: a few ms off the page's own.
  for (const q of r.requests.sort((a, b) => a.startMs - b.startMs)) {
    const when = q.endMs === undefined || q.endMs > r.paintedMs ? "after the paint" : "before the paint";
    out.push(`  ${String(q.startMs).padStart(6)}–${String(q.endMs ?? "…").padStart(6)} ms  ${when}  ${q.path}`);
  }
  if (!r.requests.some((q) => q.path.includes("/heatmap?"))) out.push("  (no browser request for the heatmap: its first answer came with the page)");
  return out;
}

/**
 * `--latency`: navigation → painted 24 h heatmap, cold then warm, with every Batch call slowed (LATENCY).
 * Then "cold, process warm": a second dashboard on the same emulator (its own read cache and store, so the
 * heatmap is as cold as the first time) that has served one page first, a pool that does not exist (the
 * same page code, one Batch call): the first row pays a fresh process's first request besides the heatmap.
 */
export async function runLatency(
  browser: Browser,
  emu: Emulator,
  base: string,
  names: { account: string; pool: string },
  anotherDashboard: () => Promise<{ url: string; stop(): Promise<void> }>,
): Promise<void> {
  const { account, pool } = names;
  const res = await fetch(`${emu.url}/__emulator/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(LATENCY) });
  if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
  const path = `/${account}/pools/${pool}?window=24h`;
  const cold = await latencyLoad(browser, base + path, account, "24h cold, fresh process");
  await fullReadDone(base, names);
  const warm = await latencyLoad(browser, base + path, account, "24h again, after the full read (its 5 s cache gone: the live window refreshed from memory)");
  await fullReadDone(base, names);
  const second = await anotherDashboard();
  try {
    const context = await newContext(browser);
    await (await context.newPage()).goto(`${second.url}/${account}/pools/no-such-pool`);
    await context.close();
    const coldWarmProcess = await latencyLoad(browser, second.url + path, account, "24h cold, process warm");
    console.log(`\nnavigation → painted 24 h heatmap of ${pool}, latency ${LATENCY.latencyMs} ms a call + ${LATENCY.perItemMs} ms an item (goal 3 s cold)`);
    for (const r of [cold, warm, coldWarmProcess]) console.log(report(r).join("\n"));
  } finally {
    await second.stop();
  }
}
