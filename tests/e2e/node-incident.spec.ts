import { expect, test, type Locator, type Page } from "../support/browser-test";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { ACCOUNT, POOL, poolNodeIds, selectBadNodes, seriousViolations } from "../support/incident-pool";
import { stackPerFile, type Stack } from "../support/stack";

/**
 * The incident's bad nodes, from the node page and the removal dialog: the node's failures and timeline,
 * then removal of the three keeping the pool's size. The clock nearly stands still (speed 0.001); `advance`
 * moves it where a step waits for Batch.
 */

/** Step: the bad nodes are the heatmap's top three rows; a click and a shift-click select them. Returns the action bar. */

/** Step: the server waits for the pool to be steady after the removal; simulated time is moved until the resize back shows. */
async function waitForResizeBack(page: Page, stack: Stack): Promise<Locator> {
  const resize = page.getByTestId("resize-result");
  await expect
    .poll(
      async () => {
        await stack.advance(30);
        return resize.isVisible();
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
  return resize;
}

/** The failed tasks' end times as the node page lists them, top to bottom. */
const listedEndTimes = (page: Page) =>
  page
    .getByTestId("node-failures")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-end-time"))));

test.describe.serial("an operator reads a bad node's failures, then removes the bad nodes keeping the pool's size", () => {
  test.setTimeout(120_000);
  const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT, speed: 0.001 });
  let bad: string[];

  test.beforeAll(async () => {
    const ids = await poolNodeIds(env());
    bad = INCIDENT_BAD_NODES.map((i) => ids[i]!);
  });

  test("a bad node's page lists its failures in the window, newest first, as many as its heatmap row counts", async ({ page }) => {
    const node = bad[0]!;
    await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}/nodes/${node}?window=1h`);
    const count = Number(await page.getByTestId("node-failure-count").textContent());
    expect(count).toBeGreaterThan(1);
    await expect(page.getByTestId("node-failures").locator("tbody tr")).toHaveCount(count);
    const ends = await listedEndTimes(page);
    expect(ends).toEqual([...ends].sort((a, b) => b - a));
    const first = page.getByTestId("node-failures").locator("tbody tr").first();
    await expect(first.getByRole("link")).toHaveAttribute("href", new RegExp(`^/${ACCOUNT}/jobs/[^/]+/tasks/[^/]+$`));
    // The timeline: labelled ticks over the window, and one mark per failure in its list.
    await expect(page.getByTestId("node-timeline")).toBeVisible();
    expect(await page.getByTestId("timeline-tick").count()).toBeGreaterThanOrEqual(2);
    await page.getByText(/events as a list/).click();
    await expect(page.getByTestId("timeline-list").locator("li[data-kind=failure]")).toHaveCount(count);
    // Batch's own recent tasks stay, labelled for what they are.
    await expect(page.getByRole("heading", { name: "Batch's last few tasks on this node" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The link to its heatmap row: the pool page with the node selected over the same window, counting as many.
    await page.getByRole("link", { name: "This node on the pool's heatmap" }).click();
    await expect(page).toHaveURL(new RegExp(`/pools/${POOL}\\?window=1h&sel=${node}`));
    const row = page.locator(`[data-testid=heatmap-row][data-node-id="${node}"]`);
    await expect(row).toHaveAttribute("data-selected", "true");
    await expect(row.getByTitle("failed tasks in the window")).toHaveText(String(count));
  });

  test("the removal dialog names the 3 nodes and the target's drop; keep capacity resizes the pool back to 100, both steps audited", async ({ page }) => {
    const bar = await selectBadNodes(page, env().dashboard.url, bad);
    await bar.getByRole("button", { name: "Remove from pool" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: "Remove from pool: 3 nodes" })).toBeVisible();
    const named = dialog.getByTestId("target-nodes").getByRole("listitem");
    await expect(named).toHaveCount(3);
    for (const id of bad) await expect(dialog.getByTestId("target-nodes")).toContainText(id);
    await expect(dialog.getByTestId("target-drop")).toContainText("The pool's dedicated target drops: 100 → 97");
    // Before anything is sent: the node's files go with it, and which stderr tails are saved first.
    await expect(dialog.getByTestId("files-fate")).toContainText("Every file on the node (task logs, outputs) goes with it.");
    await expect(dialog).not.toContainText("grow back");
    await dialog.getByLabel("Keep capacity: resize the pool back to 100 after the removal").check();
    await dialog.getByLabel("Reason (required)").fill("OOM kills on three nodes; replacing them");
    // With the reason given, the disabled button says it waits for the count, whose field may be out of view.
    await expect(dialog.getByTestId("dialog-missing")).toHaveText("To send: the number of nodes typed.");
    await dialog.getByLabel("Type the number of nodes, 3, to confirm.").fill("3");
    await expect(dialog.getByTestId("dialog-missing")).toHaveCount(0);
    expect(await seriousViolations(page, "[role=dialog]")).toEqual([]);
    await dialog.getByTestId("action-submit").click();

    const resize = await waitForResizeBack(page, env());
    await expect(resize).toHaveAttribute("data-outcome", "accepted");
    await expect(resize).toContainText("resize back to 100");
    for (const r of await page.getByTestId("action-result-node").all()) await expect(r).toHaveAttribute("data-outcome", "accepted");
    // The truth, through the SDK: the target is back at 100.
    expect((await env().client.pool.get(POOL)).targetDedicatedNodes).toBe(100);

    // The audit log: three removals and the resize back, one operation.
    await resize.getByRole("link", { name: "audit record" }).click();
    await expect(page.getByTestId("record-capacity")).toHaveText("Resize back to 100 (the targets before the removal: 100)");
    await expect(page.getByTestId("record-outcome")).toContainText("accepted");
    await page.goto(`${env().dashboard.url}/${ACCOUNT}/audit`);
    const rows = page.getByTestId("audit-row");
    await expect(rows.filter({ hasText: "Remove from pool" })).toHaveCount(3);
    await expect(rows.filter({ hasText: "Resize pool back" })).toHaveCount(1);
  });
});
