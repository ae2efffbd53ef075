import { expect, test, type Page, sharedStack } from "../support/browser-test";

const ACCOUNT = "incident";
const POOL = "prod-ingest";

const rowIds = (page: Page) => page.getByTestId("heatmap-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")));

/** Width of an element's box: the skip link is a 1-pixel clipped box until it has focus. */
async function widthOf(page: Page, testId: string): Promise<number> {
  return (await page.getByTestId(testId).boundingBox())?.width ?? 0;
}

// A stack shared with the other specs that only read the incident: every test here changes nothing.
const env = sharedStack({ scenario: "incident", seed: 1, account: ACCOUNT });
const poolUrl = () => `${env().dashboard.url}/${ACCOUNT}/pools/${POOL}?window=6h`;

test("a skip link is the first stop, shown on focus, and takes focus to the heatmap's first row", async ({ page }) => {
  await page.goto(poolUrl());
  await expect(page.getByTestId("heatmap-row").first()).toBeVisible();
  const first = (await rowIds(page))[0]!;
  expect(await widthOf(page, "skip-link")).toBeLessThanOrEqual(1);

  await page.keyboard.press("Tab");
  const skip = page.getByTestId("skip-link");
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText("Skip to heatmap");
  expect(await widthOf(page, "skip-link")).toBeGreaterThan(40);

  await page.keyboard.press("Enter");
  await expect(page.getByTestId("heatmap-canvas")).toBeFocused();
  const live = page.getByTestId("heatmap-focus");
  await expect(live).toContainText(`Node ${first}`);
  await expect(live).toContainText("Row 1 of");
  await expect(live).toContainText("column 1 of");
  // From there the grid's own keys work.
  await page.keyboard.press("ArrowDown");
  await expect(live).toContainText("Row 2 of");
});

test("on a page without a heatmap the skip link goes to the content", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}`);
  await expect(page.locator("main")).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByTestId("skip-link");
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText("Skip to content");
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("Escape closes the opened cell's tasks, from the grid and from inside the list", async ({ page }) => {
  await page.goto(poolUrl());
  await expect(page.getByTestId("heatmap-row").first()).toBeVisible();
  const canvas = page.getByTestId("heatmap-canvas");
  await canvas.focus();
  await page.keyboard.press("Enter");
  const cellTasks = page.getByTestId("cell-tasks");
  await expect(cellTasks).toBeVisible();
  await expect(page).toHaveURL(/cellNode=/);
  await page.keyboard.press("Escape");
  await expect(cellTasks).toBeHidden();
  await expect(page).not.toHaveURL(/cellNode=/);

  // Again, with focus inside the list: Escape closes it and hands focus back to the grid.
  await page.keyboard.press("Enter");
  await expect(cellTasks).toBeVisible();
  await cellTasks.getByRole("button", { name: "Close" }).focus();
  await page.keyboard.press("Escape");
  await expect(cellTasks).toBeHidden();
  await expect(canvas).toBeFocused();
});

test("/ focuses the page's filter, and neither / nor ? fires while typing in it", async ({ page }) => {
  await page.goto(poolUrl());
  const filter = page.getByPlaceholder("node id, state or error code");
  await expect(filter).toBeVisible();
  await expect(filter).not.toBeFocused();
  await page.keyboard.press("/");
  await expect(filter).toBeFocused();
  await expect(filter).toHaveValue("");

  await page.keyboard.type("a/b?");
  await expect(filter).toHaveValue("a/b?");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("? lists the shortcuts in a titled dialog, and Escape closes it", async ({ page }) => {
  await page.goto(poolUrl());
  await expect(page.getByTestId("heatmap-row").first()).toBeVisible();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Focus the page's search or filter box");
  await expect(dialog).toContainText("Show these shortcuts");
  await expect(dialog.locator("kbd", { hasText: "Esc" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("Escape closes the action dialog without closing the opened cell", async ({ page }) => {
  await page.goto(poolUrl());
  await expect(page.getByTestId("heatmap-row").first()).toBeVisible();
  await page.getByTestId("heatmap-canvas").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cell-tasks")).toBeVisible();
  await page.getByTestId("heatmap-row").first().getByRole("checkbox").click();
  await page.getByTestId("heatmap-actions").getByRole("button", { name: "Disable scheduling" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("cell-tasks")).toBeVisible();
});

test("Escape closes the connect dialog", async ({ page }) => {
  const node = (await env().client.computeNode.list(POOL))[0]!.id!;
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}/nodes/${encodeURIComponent(node)}`);
  await page.getByRole("button", { name: "Connect…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Connect to node ${node}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
