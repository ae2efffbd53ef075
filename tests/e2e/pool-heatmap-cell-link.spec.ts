import { expect, test, type Page } from "../support/browser-test";
import { stackPerFile } from "../support/stack";

// A link to an opened cell is evidence in a ticket (docs/architecture.md "Deep links"): opened later, the
// cell keeps its own time span and tasks, or says plainly that the live window has moved past it. The
// emulator's clock is nearly stopped and moved by hand, so "a minute later" is exact.

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: "incident", speed: 0.001 });
const BUCKETS = 60;

/**
 * Every page error and console error, collected for the whole test: a hydration mismatch (React's
 * recoverable error 418) among them, which a late-hydrating panel once caused on some pool page loads
 * (docs/architecture.md "Hydration").
 */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  const add = (text: string) => errors.push(`${text.slice(0, 120)} at ${page.url()}`);
  page.on("pageerror", (e) => add(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") add(`console: ${m.text()}`);
  });
  return errors;
}

/** The node and column of the hot cell in the last hour (first row, most failures), as the API reports it. */
async function hotCell(): Promise<{ nodeId: string; col: number }> {
  const res = await fetch(`${env().dashboard.url}/api/accounts/incident/pools/prod-ingest/heatmap?window=1h&buckets=${BUCKETS}`);
  const body = (await res.json()) as { counts: number[]; rows: { nodeId: string }[] };
  const cols = body.counts.slice(0, BUCKETS);
  const col = cols.indexOf(Math.max(...cols));
  expect(cols[col]).toBeGreaterThan(0);
  return { nodeId: body.rows[0]!.nodeId, col };
}

const taskLinks = (page: Page) => page.getByTestId("cell-tasks").getByRole("listitem").getByRole("link");

/** The opened cell lists exactly these tasks (the tasks' links, not the notice's), once its read is in. */
async function expectTasks(page: Page, tasks: string[]) {
  await expect.poll(async () => (await taskLinks(page).allTextContents()).sort(), { timeout: 30_000 }).toEqual(tasks);
}

test("a link to an opened cell shows the same span and tasks after a reload, and later says the window moved past it", async ({ page }) => {
  const errors = watchErrors(page);
  const poolUrl = `${env().dashboard.url}/incident/pools/prod-ingest?window=1h`;
  await page.goto(poolUrl);
  const { nodeId, col } = await hotCell();
  await expect(page.getByTestId("heatmap-canvas")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("heatmap-canvas").scrollIntoViewIfNeeded();
  const box = (await page.getByTestId("heatmap-canvas").boundingBox())!;
  await page.mouse.click(box.x + ((col + 0.5) * box.width) / BUCKETS, box.y + 12);
  const heading = page.locator("#cell-tasks-heading");
  await expect(heading).toContainText(nodeId);
  await expect(heading).toContainText(/\(\d+\)/);
  const title = (await heading.textContent())!;
  await expect(taskLinks(page).first()).toBeVisible({ timeout: 30_000 });
  const tasks = (await taskLinks(page).allTextContents()).sort();
  expect(tasks.length).toBeGreaterThan(0);
  await expect(page.getByTestId("heatmap-focus")).toContainText(`column ${col + 1} of ${BUCKETS}`);
  const link = page.url();
  expect(new URL(link).searchParams.get("cellAt")).toBeTruthy();
  expect(new URL(link).searchParams.get("cellTo")).toBeTruthy();

  // A minute later (the emulator's minute): the same link shows the same cell, span and tasks.
  await env().advanceAndLearn(60);
  await page.goto(link);
  await expect(heading).toHaveText(title, { timeout: 30_000 });
  await expectTasks(page, tasks);
  await expect(page.getByTestId("cell-outside")).toHaveCount(0);
  // The caption names the opened cell after a reload too (it moved one column left with the window).
  await expect(page.getByTestId("heatmap-focus")).toContainText(`Node ${nodeId}`);
  // A link made before cellTo existed (cellNode and cellAt only) keeps the span too: one bucket of its window.
  const legacy = new URL(link);
  legacy.searchParams.delete("cellTo");
  await page.goto(legacy.toString());
  await expect(heading).toHaveText(title, { timeout: 30_000 });
  await expectTasks(page, tasks);

  // Past the window's edge: the same tasks, said to be outside the last 1h, with a pinned link showing them.
  await env().advanceAndLearn(3_600);
  await page.goto(link);
  const outside = page.getByTestId("cell-outside");
  await expect(outside).toContainText(/^This cell, \d\d:\d\d–\d\d:\d\d UTC, is now outside the last 1h/, { timeout: 30_000 });
  await expect(heading).toHaveText(title);
  await expectTasks(page, tasks);
  // The grid no longer holds the cell: its caption names no cell (not one of an earlier answer's columns).
  await expect(page.getByTestId("heatmap-focus")).toHaveText("");
  await outside.getByRole("link").click();
  await expect(page).toHaveURL(/from=.+&to=|to=.+&from=/);
  expect(new URL(page.url()).searchParams.has("window")).toBe(false);
  await expect(heading).toHaveText(title, { timeout: 30_000 });
  await expectTasks(page, tasks);
  await expect(outside).toHaveCount(0);
  await expect(page.getByTestId("heatmap-focus")).toContainText(`Node ${nodeId}`);

  expect(errors).toEqual([]);
});
