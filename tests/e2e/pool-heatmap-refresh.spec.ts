import { expect, test, type Page } from "../support/browser-test";
import { framesOf, recordFrames } from "../support/frames";
import { freePort } from "../support/servers";
import { startStack, type Stack } from "../support/stack";

// What an operator who tested the pool page found: the 7-day axis, the verdict's height and its folded
// line, and what a refresh does to the verdict and to an opened cell. One stack, tests in order: the last
// moves the emulator's clock.

// The dashboard on a port chosen before it starts, so a restart (the refresh test) keeps the page's address.
let stack: Stack | undefined;
test.beforeAll(async () => {
  stack = await startStack({ scenario: "incident", seed: 1, account: "incident", port: await freePort() });
});
test.afterAll(async () => {
  await stack?.stop();
});
const env = () => stack!;
const poolUrl = (query: string) => `${env().dashboard.url}/incident/pools/prod-ingest?${query}`;
const UTC_RANGE = /\d\d:\d\d–\d\d:\d\d UTC/;

/** Refresh every 5 s (the operator's shortest choice, kept in the browser), so a test waits less. */
const refreshEvery5s = () => localStorage.setItem("batchscope.refresh", JSON.stringify({ intervalMs: 5_000, paused: false }));

async function fullVerdict(page: Page) {
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", /^(node|both|job|unsure|none)$/, { timeout: 30_000 });
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the 7-day axis at 1280 px, ${colorScheme}: no label reaches the next label's tick or past the axis`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(poolUrl("window=7d"));
    await expect(page.getByTestId("heatmap-canvas")).toBeVisible({ timeout: 30_000 });
    await fullVerdict(page);
    const axis = (await page.getByRole("group", { name: "Time, UTC" }).boundingBox())!;
    const ticks = await page.getByTestId("time-tick").evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        // The text's own width, not the span's (absolute spans shrink to fit, but measure the text to be sure).
        const range = document.createRange();
        range.selectNodeContents(e);
        return { left: r.left, right: range.getBoundingClientRect().right, label: e.textContent };
      }),
    );
    expect(ticks.length).toBeGreaterThan(3);
    for (const [i, t] of ticks.entries()) {
      // At the days' UTC midnights, each labelled by its date (components/heatmap/time-axis.ts).
      expect(t.label).toMatch(/^\d\d-\d\d$/);
      expect(t.right, `${t.label} ends inside the axis`).toBeLessThanOrEqual(axis.x + axis.width + 0.5);
      const next = ticks[i + 1];
      if (next) expect(t.right + 4, `${t.label} ends before ${next.label}'s tick`).toBeLessThanOrEqual(next.left);
    }
    await page.goto(poolUrl("window=6h"));
    await fullVerdict(page);
    await page.getByTestId("legend-failures").scrollIntoViewIfNeeded();
  });
}

test("the folded line under the verdict does not repeat the nodes its sentence names", async ({ page }) => {
  await page.goto(poolUrl("window=1h"));
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", /^(node|both)$/, { timeout: 30_000 });
  const text = (await page.getByTestId("verdict-text").textContent())!;
  const named = await page
    .getByTestId("diagnosis-nodes")
    .locator("li[data-node-id]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")!));
  const inText = named.filter((id) => text.includes(id));
  // The incident's sentence names its bad nodes: otherwise this test would check nothing.
  expect(inText.length).toBeGreaterThan(0);
  const summary = (await page.getByTestId("diagnosis-nodes-summary").textContent())!;
  for (const id of inText) expect(summary, `the folded line repeats ${id}`).not.toContain(id);
  // Each named node is still one `diagnosis-node` element, in the sentence or on the line.
  const marked = await page.getByTestId("diagnosis-node").evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")!));
  expect([...marked].sort()).toEqual([...named].sort());
  // Closed, the box keeps its one height (the heatmap does not move when the verdict arrives); opened by the
  // operator at 1280 px, the nodes' evidence is shown whole, not behind a scroll inside a 9rem box.
  const area = page.getByTestId("verdict-area");
  const closed = (await area.boundingBox())!.height;
  await page.getByTestId("diagnosis-nodes-summary").click();
  await expect(page.getByTestId("diagnosis-nodes").locator("li").first()).toBeVisible();
  // The list's order is the diagnosis' (strongest evidence first), not the grid's count order: it says so.
  await expect(page.getByTestId("diagnosis-nodes-order")).toContainText("Strongest evidence first");
  const open = await area.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
  expect(open.client).toBeGreaterThan(closed);
  expect(open.scroll, "the opened evidence fits its box").toBeLessThanOrEqual(open.client + 1);
  const last = (await page.getByTestId("diagnosis-nodes").locator("li").last().boundingBox())!;
  const box = (await area.boundingBox())!;
  expect(last.y + last.height).toBeLessThanOrEqual(box.y + box.height + 1);
  // Folded again, the box is back to its height.
  await page.getByTestId("diagnosis-nodes-summary").click();
  await expect.poll(async () => (await area.boundingBox())!.height).toBe(closed);
});

test("a verdict taller than its box scrolls inside it: the heatmap does not move when it arrives", async ({ page }) => {
  // Narrow, so the incident's verdict wraps to more lines than the 9 rem reserved for it (as many node
  // faults would at 1280 px); Batch slowed and a window no other test reads, so the verdict comes late.
  await page.setViewportSize({ width: 760, height: 900 });
  await env().faults({ latencyMs: 250 });
  try {
    await page.addInitScript(recordFrames);
    const now = Date.now();
    await page.goto(poolUrl(`from=${new Date(now - 29 * 3_600_000).toISOString()}&to=${new Date(now).toISOString()}`));
    await expect(page.getByTestId("heatmap-canvas")).toBeVisible({ timeout: 30_000 });
    await fullVerdict(page);
    await page.waitForTimeout(300);
    const frames = await framesOf(page);
    expect(frames.filter((f) => f.kind === "pending").length).toBeGreaterThan(0);
    expect([...new Set(frames.filter((f) => f.top !== undefined).map((f) => f.top))]).toHaveLength(1);
    // The verdict was indeed longer than its box.
    const area = page.getByTestId("verdict-area");
    const { scroll, client } = await area.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
    console.log(`verdict area: ${client} px shown of ${scroll} px`);
    expect(scroll).toBeGreaterThan(client);
  } finally {
    await env().clearFaults();
  }
});

test("a refresh whose answer is pending keeps the verdict and rates, marked refreshing", async ({ page }) => {
  await page.addInitScript(refreshEvery5s);
  await page.addInitScript(recordFrames);
  await page.goto(poolUrl("window=1h"));
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", /^(node|both)$/, { timeout: 30_000 });
  const headline = (await page.getByTestId("verdict-headline").textContent())!;
  // The pool header hydrates in its own Suspense boundary, after the heatmap panel: its count may follow the verdict.
  const unhealthyFact = page.getByTestId("pool-fact-unhealthy-nodes").locator("dd");
  await expect(unhealthyFact).toHaveText(/^[1-9]\d*$/);
  const unhealthy = (await unhealthyFact.textContent())!;
  const firstRate = page.getByTestId("heatmap-row").first().locator("span").last();
  await expect(firstRate).toHaveText(/%$/);

  // A live window is refreshed from the server's memory of it (a page per job), so a refresh answers in
  // full. A dashboard that restarted (a deploy, another replica) has no memory: with Batch slowed its next
  // answer comes first from the failures alone, rates and verdict pending (docs/diagnosis.md, "Failures
  // first"). Paused meanwhile, so the page asks only once the new server is up.
  await page.getByRole("button", { name: "Pause" }).first().click();
  await env().restartDashboard();
  await env().faults({ latencyMs: 1_500 });
  try {
    // The server's answer for this window is now a first one (and stays so while its full read runs).
    const probe = (await (await fetch(`${env().dashboard.url}/api/accounts/incident/pools/prod-ingest/heatmap?window=1h&buckets=60`)).json()) as {
      ratesPending?: boolean;
    };
    expect(probe.ratesPending).toBe(true);
    await page.getByRole("button", { name: "Resume" }).first().click();
    await expect(page.getByTestId("heatmap-refreshing")).toBeVisible({ timeout: 30_000 });
    // Within the verdict's box as shown, not scrolled out of it below a long verdict.
    const note = (await page.getByTestId("heatmap-refreshing").boundingBox())!;
    const box = (await page.getByTestId("verdict-area").boundingBox())!;
    expect(note.y + note.height).toBeLessThanOrEqual(box.y + box.height);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", /^(node|both)$/);
    await expect(page.getByTestId("verdict-headline")).toHaveText(headline);
    await expect(page.getByText(/verdict pending/i)).toHaveCount(0);
    await expect(page.getByTestId("pool-fact-unhealthy-nodes").locator("dd")).toHaveText(unhealthy);
    await expect(firstRate).toHaveText(/%$/);
  } finally {
    await env().clearFaults();
  }
  // The new full answer replaces the kept one.
  await expect(page.getByTestId("heatmap-refreshing")).toBeHidden({ timeout: 30_000 });
  const frames = await framesOf(page);
  // From the first load's settled page on: the pool header (inside the pool's own Suspense boundary, which
  // hydrates after the heatmap panel) can show its count a few frames after the verdict on the first load.
  const afterFull = frames.slice(frames.findIndex((f) => (f.kind === "node" || f.kind === "both") && /^\d+$/.test(f.unhealthy ?? "")));
  expect(afterFull.filter((f) => f.refreshing).length).toBeGreaterThan(0);
  expect(afterFull.filter((f) => f.kind === "pending")).toEqual([]);
  expect(afterFull.filter((f) => f.unhealthy === "0" || f.unhealthy === "…")).toEqual([]);
});

test("after a refresh slides the live window, the caption follows the grid and the opened cell keeps its own span", async ({ page }) => {
  await page.addInitScript(refreshEvery5s);
  await page.goto(poolUrl("window=1h"));
  await fullVerdict(page);
  const canvas = page.getByTestId("heatmap-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + box.width * (30.5 / 60), box.y + 12);
  const title = page.locator("#cell-tasks-heading");
  const caption = page.getByTestId("heatmap-focus");
  await expect(title).toContainText(UTC_RANGE);
  const rangeOf = async (l: typeof title) => ((await l.textContent()) ?? "").match(UTC_RANGE)?.[0];
  const columnOf = async () => Number(((await caption.textContent()) ?? "").match(/column (\d+) of 60/)?.[1]);
  const before = await rangeOf(title);
  expect(await rangeOf(caption)).toBe(before);
  expect(await columnOf()).toBe(31);
  // A minute on the service's clock: the next refresh slides the grid a whole bucket. The caption names the
  // opened cell where the grid now has it, a column to the left, with the same times as its task list
  // (docs/architecture.md "Deep links to a cell"), which keeps the span it was opened with.
  await env().advanceAndLearn(60);
  await expect.poll(columnOf, { timeout: 12_000 }).toBe(30);
  expect(await rangeOf(caption)).toBe(before);
  expect(await rangeOf(title)).toBe(before);
  // Through one more refresh too.
  await page.waitForTimeout(6_000);
  expect(await rangeOf(title)).toBe(before);
  expect(await rangeOf(caption)).toBe(before);
});
