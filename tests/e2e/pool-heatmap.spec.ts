import { expect, test, type Page } from "../support/browser-test";
import { fullHeatmapAnswer } from "../support/heatmap-answer";
import { all } from "../support/sdk-paging";
import { framesOf, recordFrames } from "../support/frames";
import { cutOf } from "../support/id-cut";
import { stackPerFile } from "../support/stack";
import { axe } from "../support/axe";

const ROW_HEIGHT = 24;
const BUCKETS = 60;

// A stack of its own, not shared: "a steady layout" needs a first answer that comes before the verdict,
// which reads that other specs had cached could make too quick to see.
const env = stackPerFile(test, { scenario: "incident", seed: 1, account: "incident" });
let badNodes: string[];
let poolUrl: string;

test.beforeAll(async () => {
  poolUrl = `${env().dashboard.url}/incident/pools/prod-ingest`;
  // The truth, read through the SDK and not through the dashboard: the three nodes with the most failed
  // tasks of the ingest job in the last six hours.
  const since = Date.now() - 6 * 3_600_000;
  const failures = new Map<string, number>();
  const client = env().client;
  const completed = await all(
    client.task.list("ingest-2026-11-27", { taskListOptions: { filter: "state eq 'completed'", select: "id,executionInfo,nodeInfo" } }),
    (link) => client.task.listNext(link),
  );
  for (const t of completed) {
    const end = t.executionInfo?.endTime?.getTime() ?? 0;
    if (t.executionInfo?.result === "failure" && end >= since && t.nodeInfo?.nodeId)
      failures.set(t.nodeInfo.nodeId, (failures.get(t.nodeInfo.nodeId) ?? 0) + 1);
  }
  badNodes = [...failures]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id]) => id);
  expect(badNodes).toHaveLength(3);
});

const rowIds = (page: Page) => page.getByTestId("heatmap-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")));
/** Centre of a cell of the canvas, in page coordinates. */
async function cellPoint(page: Page, row: number, col: number) {
  // The diagnosis above the grid can push it below the fold: the pointer only reaches what is in view.
  await page.getByTestId("heatmap-canvas").scrollIntoViewIfNeeded();
  const box = (await page.getByTestId("heatmap-canvas").boundingBox())!;
  return { x: box.x + ((col + 0.5) * box.width) / BUCKETS, y: box.y + (row + 0.5) * ROW_HEIGHT };
}
/** The column in which the heatmap's first row has the most failures, as the dashboard's API reports it. */
async function hotColumn(row = 0): Promise<number> {
  const res = await fetch(`${env().dashboard.url}/api/accounts/incident/pools/prod-ingest/heatmap?window=6h&buckets=${BUCKETS}`);
  const body = (await res.json()) as { counts: number[] };
  const cols = body.counts.slice(row * BUCKETS, (row + 1) * BUCKETS);
  const col = cols.indexOf(Math.max(...cols));
  expect(cols[col]).toBeGreaterThan(0);
  return col;
}

test.describe("the pool page of an incident", () => {
  test("puts the three bad nodes on top with the verdict in words, and explains a cell on hover", async ({ page }) => {
    await page.goto(`${poolUrl}?window=6h`);
    // Over the whole pool and 6 h, transform-v42's genuine job bug (35 % of its 600 tasks, on every node)
    // runs beside the three bad nodes: the server's diagnosis (docs/diagnosis.md) names the bad nodes and
    // the job. The page must show exactly the server's diagnosis, its headline in words.
    // The full answer: the page may paint a first one (rates and verdict pending) before it.
    const full = await fullHeatmapAnswer(`${env().dashboard.url}/api/accounts/incident/pools/prod-ingest/heatmap?window=6h&buckets=${BUCKETS}`);
    const api = { verdict: full.verdict, diagnosis: full.diagnosis! };
    expect([...api.verdict.topNodes].sort()).toEqual([...badNodes].sort());
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-kind", api.diagnosis.kind);
    await expect(page.getByTestId("verdict-headline")).toHaveText(`${api.diagnosis.headline}:`);
    await expect(page.getByTestId("verdict-text")).toHaveText(api.diagnosis.text);
    await expect.poll(async () => (await rowIds(page)).slice(0, 3).sort()).toEqual([...badNodes].sort());
    await expect(page.getByTestId("legend-failures")).toContainText("Failed tasks per cell");
    await expect(page.getByTestId("as-of").first()).toContainText(/as of \d\d:\d\d:\d\d UTC/);

    const p = await cellPoint(page, 0, await hotColumn());
    await page.mouse.move(p.x, p.y);
    const tooltip = page.getByTestId("heatmap-tooltip");
    await expect(tooltip).toContainText(/\d+ failed tasks?/);
    await expect(tooltip).toContainText(/\d\d:\d\d–\d\d:\d\d UTC/);
    // The wheel scrolls the grid under the still pointer: the tooltip follows to the row now under it.
    const [top] = await rowIds(page);
    await expect(tooltip).toContainText(top!.slice(0, 12));
    await page.mouse.wheel(0, 240);
    await expect(tooltip).not.toContainText(top!.slice(0, 12));
    await expect(tooltip).toContainText(/tvmps_/);
  });

  test("names the bad nodes for the last hour, to be taken out of service", async ({ page }) => {
    await page.goto(`${poolUrl}?window=1h`);
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-kind", /^(node|both)$/);
    await expect(page.getByTestId("verdict-headline")).toHaveText(/^Node (problem|and job problems):$/);
    await expect(page.getByTestId("verdict-text")).toContainText("Take them out of service");
    await expect.poll(async () => (await rowIds(page)).slice(0, 3).sort()).toEqual([...badNodes].sort());
  });
});

test.describe("the pool page of an incident: a cell, the keyboard and colours", () => {
  test("opens a bad node's cell with its tasks by category, keeps selection and cell across a reload", async ({ page }) => {
    await page.goto(`${poolUrl}?window=6h`);
    await expect.poll(async () => (await rowIds(page)).slice(0, 3).sort()).toEqual([...badNodes].sort());
    const [first] = await rowIds(page);
    const p = await cellPoint(page, 0, await hotColumn());
    await page.mouse.click(p.x, p.y);
    const cell = page.getByTestId("cell-tasks");
    await expect(cell).toContainText(first!);
    // Opened by a click, the list is brought into view (below the grid, it opened under the fold at 1280 × 800).
    await expect(cell).toBeInViewport();
    await expect(cell.locator("[data-testid^=cell-group-]").first()).toBeVisible();
    await expect(cell.getByRole("link", { name: /^[\w-]+\/[\w-]+$/ }).first()).toHaveAttribute("href", /^\/incident\/jobs\/[\w-]+\/tasks\/[\w-]+$/);
    await expect(page).toHaveURL(new RegExp(`cellNode=${first}`));
    await expect(page).toHaveURL(/cellAt=/);

    // Click the first row's box, shift-click the third: three nodes, in the URL.
    const rows = page.getByTestId("heatmap-row");
    await rows.nth(0).getByRole("checkbox").click();
    await rows
      .nth(2)
      .getByRole("checkbox")
      .click({ modifiers: ["Shift"] });
    await expect(page.getByTestId("selection-count")).toHaveText("3 nodes selected");
    await expect(page).toHaveURL(/sel=/);
    const sel = new URL(page.url()).searchParams.get("sel")!.split(",");
    expect([...sel].sort()).toEqual([...badNodes].sort());

    await page.reload();
    await expect(page.getByTestId("selection-count")).toHaveText("3 nodes selected");
    for (let i = 0; i < 3; i++) await expect(page.getByTestId("heatmap-row").nth(i).getByRole("checkbox")).toBeChecked();
    await expect(page.getByTestId("cell-tasks")).toContainText(first!);
    await expect(page.getByTestId("cell-tasks").getByRole("link").first()).toBeVisible();

    await page.getByRole("button", { name: "Clear selection" }).click();
    await expect(page.getByTestId("selection-count")).toHaveText("No nodes selected");
  });

  test("is usable by keyboard: focus the grid, move with arrows, open with Enter", async ({ page }) => {
    await page.goto(`${poolUrl}?window=6h`);
    await expect(page.getByTestId("heatmap-row").first()).toBeVisible();
    const ids = await rowIds(page);
    const canvas = page.getByTestId("heatmap-canvas");
    await canvas.focus();
    const live = page.getByTestId("heatmap-focus");
    await expect(live).toContainText("Row 1 of");
    await expect(live).toContainText("column 1 of 60");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(live).toContainText(`Node ${ids[1]}`);
    await expect(live).toContainText("Row 2 of");
    await expect(live).toContainText("column 3 of 60");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`cellNode=${ids[1]}`));
    await expect(page.getByTestId("cell-tasks")).toContainText(ids[1]!);
    await page.keyboard.press("Space");
    await expect(page.getByTestId("selection-count")).toHaveText("1 node selected");
  });

  test("colours by category with a category legend", async ({ page }) => {
    await page.goto(`${poolUrl}?window=6h&metric=category`);
    const legend = page.getByTestId("legend-category");
    await expect(legend).toContainText("Most frequent category");
    await expect(legend.locator("[data-testid^=legend-category-]").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Category" })).toHaveAttribute("aria-pressed", "true");
  });
});

test.describe("the pool page of an incident: links and node ids", () => {
  test("'Copy link' pins the window to absolute from/to", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`${poolUrl}?window=6h`);
    await expect(page.getByTestId("verdict")).toBeVisible();
    await page.getByTestId("copy-link").click();
    await expect(page.getByTestId("copy-link")).toHaveText("Copied");
    const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(link.pathname).toBe("/incident/pools/prod-ingest");
    expect(link.searchParams.has("window")).toBe(false);
    const from = Date.parse(link.searchParams.get("from")!);
    const to = Date.parse(link.searchParams.get("to")!);
    expect(to - from).toBe(6 * 3_600_000);

    await page.getByTestId("copy-ticket").click();
    const ticket = await page.evaluate(() => navigator.clipboard.readText());
    expect(ticket).toContain("Pool prod-ingest");
    expect(ticket).toContain("Verdict:");
    expect(ticket).toContain("from=");
  });

  test("'Copy for ticket' carries the verdict and the worst nodes with their failure counts and rates", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`${poolUrl}?window=6h`);
    // The ticket carries rates: wait for the full answer, not a first one whose rates are pending.
    await expect(page.getByTestId("verdict")).toBeVisible();
    await expect(page.getByTestId("verdict")).not.toHaveAttribute("data-kind", "pending");
    await page.getByTestId("copy-ticket").click();
    const ticket = await page.evaluate(() => navigator.clipboard.readText());
    expect(ticket).toMatch(/^- Verdict: \S/m);
    expect(ticket).toContain("**Worst nodes**");
    // Each of the three nodes with the most failures (read through the SDK) is a line of its own, with its numbers.
    for (const id of badNodes) expect(ticket).toMatch(new RegExp(`^- ${id}: \\d+ failed of \\d+ tasks \\(\\d+%\\)`, "m"));
    expect(ticket.trim().split("\n").pop()).toMatch(/^\[Open in Batchscope\]\(http.+from=.+\)$/);
  });

  test("a heatmap row cuts its node id in the middle, as the verdict and the nodes table cut the same node", async ({ page }) => {
    await page.goto(`${poolUrl}?window=6h`);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", /^(node|both)$/);
    const id = badNodes[0]!;
    expect(id.length).toBeGreaterThan(60);
    const row = page.locator(`[data-testid="heatmap-row"][data-node-id="${id}"]`);
    // The whole id for hover, find in page and screen readers; the link is named by it.
    await expect(row.getByRole("link", { name: id, exact: true })).toHaveAttribute("title", id);
    const inRow = row.locator(`span[title="${id}"]`);
    await expect(inRow).toHaveText(id);
    const expected = { clipped: true, headChars: 9, tail: id.slice(-8) };
    // Measured after layout: poll, as a person would look once the page has settled.
    await expect.poll(() => cutOf(inRow)).toEqual(expected);
    expect(await cutOf(page.getByTestId("verdict").locator(`span[title="${id}"]`).first())).toEqual(expected);
    await expect(page.getByTestId("node-table").locator(`span[title="${id}"]`)).toBeVisible();
    expect(await cutOf(page.getByTestId("node-table").locator(`span[title="${id}"]`))).toEqual(expected);
  });
});

test.describe("the pool page of an incident: a steady layout", () => {
  test("the heatmap stays where it was drawn when the verdict arrives, and no 0 is shown for unhealthy nodes meanwhile", async ({ page }) => {
    // Slow Batch and a window no other test reads, so the first answer (failures only) comes before the verdict.
    await env().faults({ latencyMs: 250 });
    try {
      await page.addInitScript(recordFrames);
      const now = Date.now();
      await page.goto(`${poolUrl}?from=${new Date(now - 30 * 3_600_000).toISOString()}&to=${new Date(now).toISOString()}`);
      await expect(page.getByTestId("heatmap-canvas")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", /^(node|both|job|unsure|none)$/, { timeout: 30_000 });
      await page.waitForTimeout(300);
      const frames = await framesOf(page);
      const tops = new Set(frames.filter((f) => f.top !== undefined).map((f) => f.top));
      expect([...tops]).toHaveLength(1);
      const pending = frames.filter((f) => f.kind === "pending");
      console.log(`frames: ${frames.length}, with the verdict pending: ${pending.length}`);
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.filter((f) => f.unhealthy !== undefined && f.unhealthy !== "…")).toEqual([]);
    } finally {
      await env().clearFaults();
    }
  });
});

test.describe("the pool page of an incident: accessibility, and a pool that is gone", () => {
  test("has no serious or critical accessibility violation", async ({ page }) => {
    await page.goto(`${poolUrl}?window=6h`);
    await expect(page.getByTestId("verdict")).toBeVisible();
    await expect(page.getByTestId("node-table")).toBeVisible();
    await expect(page.getByTestId("category-list")).toBeVisible();
    const { violations } = await axe(page).analyze();
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join("; ")})`,
      ),
    ).toEqual([]);
  });

  test("a link to a removed pool says it no longer exists and offers the account", async ({ page }) => {
    await page.goto(`${env().dashboard.url}/incident/pools/nope`);
    await expect(page.getByRole("heading", { name: /Pool nope no longer exists/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to account incident" })).toHaveAttribute("href", "/incident");
  });
});
