import { expect, test, type Page } from "../support/browser-test";
import { fullHeatmapAnswer } from "../support/heatmap-answer";
import { stackPerFile } from "../support/stack";

// The pool heatmap's first answer comes with the page (docs/diagnosis.md "Failures first"): the page paints
// it without asking the API, and shows what the API answers. The emulator's clock nearly stands still, so
// the page's answer and the test's are of the same window.
const env = stackPerFile(test, { scenario: "incident", seed: 1, account: "incident", speed: 0.001 });
const HEATMAP_PATH = "/api/accounts/incident/pools/prod-ingest/heatmap";
const poolUrl = () => `${env().dashboard.url}/incident/pools/prod-ingest`;
const apiUrl = (query: string) => `${env().dashboard.url}${HEATMAP_PATH}?${query}&buckets=60`;

/** Waits for the paint; then the heatmap requests the page made before it, and the rows it painted. */
async function atPaint(page: Page) {
  await page.waitForFunction(() => performance.getEntriesByName("heatmap-painted").length > 0);
  return page.evaluate((path) => {
    const painted = performance.getEntriesByName("heatmap-painted")[0]!.startTime;
    const asked = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname === path && e.startTime < painted)
      .map((e) => new URL(e.name).search);
    const rows = [...document.querySelectorAll("[data-testid=heatmap-row]")].map((r) => ({
      nodeId: r.getAttribute("data-node-id"),
      failures: Number(r.querySelector("[title='failed tasks in the window']")?.textContent),
    }));
    return { asked, rows };
  }, HEATMAP_PATH);
}

async function apiFailures(query: string): Promise<Map<string, number>> {
  const full = await fullHeatmapAnswer(apiUrl(query));
  return new Map(full.rows.map((r) => [r.nodeId, r.failures]));
}

test("the pool page paints its heatmap with the answer that came with it, the API's counts", async ({ page }) => {
  // The browser cannot reach the heatmap route: what the page paints can only have come with the page.
  // (A request the page makes anyway, e.g. once the answer is older than its stale time, fails as offline.)
  await page.route(
    (url) => url.pathname === HEATMAP_PATH,
    (route) => route.abort("internetdisconnected"),
  );
  await page.goto(`${poolUrl()}?window=6h`);
  const { rows } = await atPaint(page);
  const api = await apiFailures("window=6h");
  expect(rows.length).toBeGreaterThan(2);
  expect(rows.some((r) => r.failures > 0)).toBe(true);
  for (const r of rows) expect({ nodeId: r.nodeId, failures: r.failures }).toEqual({ nodeId: r.nodeId, failures: api.get(r.nodeId!) });
});

test("a pinned window is the browser's to ask for, and the page shows that window's answer", async ({ page }) => {
  // Three hours that end three hours ago: another answer than the last 6 h, which the page must not show.
  const now = Date.parse((await (await fetch(apiUrl("window=1h"))).json()).asOf as string);
  const from = new Date(now - 6 * 3_600_000).toISOString();
  const to = new Date(now - 3 * 3_600_000).toISOString();
  await page.goto(`${poolUrl()}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  const { asked, rows } = await atPaint(page);
  // Asked at least once (again, too, if the first answer had its rates pending), only ever for that window.
  expect(asked.length).toBeGreaterThan(0);
  for (const q of asked) expect(Object.fromEntries(new URLSearchParams(q))).toEqual({ from, to, buckets: "60" });
  const api = await apiFailures(`from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.failures).toBe(api.get(r.nodeId!));
});
