import { expect, test, type Page } from "../support/browser-test";
import { stackPerFile } from "../support/stack";

// The pool page's first client render draws what the server drew (docs/architecture.md "Hydration"): a
// panel that hydrated late used to draw an answer its neighbours had already fetched, and React threw its
// recoverable hydration error (418) on one load in two. That depended on timing, so the page is loaded
// several times, each in a fresh tab, with the emulator's clock running as an operator's would. Each load
// is watched until every panel has drawn its data: only then can a late hydration no longer be pending.

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: "incident" });
const BUCKETS = 60;
const poolUrl = (query = "") => `${env().dashboard.url}/incident/pools/prod-ingest${query}`;

interface Load {
  errors: string[];
  /** The layout shifts' sum (CLS), without those after input, from navigation until every panel is drawn. */
  shift: number;
}

/** Opens `url` in a fresh 1280 px tab and waits until every panel of the pool page has drawn its data. */
async function load(page: Page, url: string, cellOpened = false): Promise<Load> {
  const tab = await page.context().newPage();
  const errors: string[] = [];
  tab.on("pageerror", (e) => errors.push(`pageerror: ${e.message.slice(0, 160)}`));
  tab.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text().slice(0, 160)}`);
  });
  await tab.setViewportSize({ width: 1280, height: 900 });
  await tab.addInitScript(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.shift += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await tab.goto(url);
  await tab.waitForFunction(() => performance.getEntriesByName("heatmap-painted").length > 0, undefined, { timeout: 30_000 });
  await expect(tab.getByTestId("pool-facts")).toBeVisible();
  await expect(tab.getByTestId("identity")).toBeVisible();
  await expect(tab.getByTestId("category-list")).toBeVisible({ timeout: 30_000 });
  await expect(tab.getByTestId("job-split")).toBeVisible({ timeout: 30_000 });
  await expect(tab.getByTestId("node-table")).toBeVisible({ timeout: 30_000 });
  if (cellOpened) await expect(tab.getByTestId("cell-tasks").getByRole("listitem").first()).toBeVisible({ timeout: 30_000 });
  const shift = await tab.evaluate(() => (window as unknown as { shift: number }).shift);
  await tab.close();
  return { errors, shift };
}

/** The link of the hot cell in the last hour (first row, most failures), as a link to an opened cell has it. */
async function hotCellQuery(): Promise<string> {
  const res = await fetch(`${env().dashboard.url}/api/accounts/incident/pools/prod-ingest/heatmap?window=1h&buckets=${BUCKETS}`);
  const body = (await res.json()) as { counts: number[]; rows: { nodeId: string }[]; edges: number[] };
  const cols = body.counts.slice(0, BUCKETS);
  const col = cols.indexOf(Math.max(...cols));
  expect(cols[col]).toBeGreaterThan(0);
  const at = (i: number) => encodeURIComponent(new Date(body.edges[i]!).toISOString());
  return `?window=1h&cellNode=${encodeURIComponent(body.rows[0]!.nodeId)}&cellAt=${at(col)}&cellTo=${at(col + 1)}`;
}

// Before the fix, 15 of 30 loads threw: five plain loads and four with a cell open miss a return of it
// once in about 30 and 50 runs (0.5^5, and 0.375^4 for the cell's 5 in 8).
test("the pool page loads without a hydration error or any other page error, and paints without moving, time after time", async ({ page }) => {
  test.setTimeout(5 * 30_000);
  const loads: Load[] = [];
  for (let i = 0; i < 5; i++) loads.push(await load(page, poolUrl()));
  expect(loads.flatMap((l, i) => l.errors.map((e) => `load ${i + 1}: ${e}`))).toEqual([]);
  // Placeholders have the size of what replaces them. Measured at 0.18 to 0.44 a load before they were
  // sized (the painted heatmap pushed the panels below it 700 px down), and at most 0.003 after, on
  // incident and scale; 0.1 is the web's own bound for a good page.
  const shifts = loads.map((l) => l.shift);
  expect(Math.max(...shifts), `layout shift of each load: ${shifts.map((x) => x.toFixed(3)).join(", ")}`).toBeLessThan(0.1);
});

test("the pool page with a cell opened by its link loads without a hydration error, time after time", async ({ page }) => {
  test.setTimeout(4 * 30_000);
  const query = await hotCellQuery();
  const loads: Load[] = [];
  for (let i = 0; i < 4; i++) loads.push(await load(page, poolUrl(query), true));
  expect(loads.flatMap((l, i) => l.errors.map((e) => `load ${i + 1}: ${e}`))).toEqual([]);
});
