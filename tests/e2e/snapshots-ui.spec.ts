import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { expect, test, watchCsp } from "../support/browser-test";
import { ACCOUNT, ACTIONS, JOB, POOL, poolNodeIds, seriousViolations } from "../support/incident-pool";
import { all } from "../support/sdk-paging";
import { saveSnapshot } from "../support/snapshots";
import { stackPerFile } from "../support/stack";

// Snapshots in the browser (docs/snapshots.md): Save snapshot on a view, the frozen view under its banner
// with the live view's components and no actions, the plain 404 of an unknown id, and the list. Against the
// real routes: the tests that take or open a snapshot need POST/GET /api/accounts/{a}/snapshots.

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT });
const url = (path: string) => `${env().dashboard.url}${path}`;
const poolPath = `/${ACCOUNT}/pools/${POOL}`;

async function failedTask(): Promise<string> {
  const c = env().client;
  const tasks = await all(c.task.list(JOB), (link) => c.task.listNext(link));
  const t = tasks.find((x) => x.executionInfo?.result === "failure" && x.executionInfo.exitCode !== undefined);
  if (!t) throw new Error(`no failed task with an exit code in ${JOB}`);
  return t.id!;
}

test.describe("each on its own", () => {
  test("a log file's snapshot with lines selected keeps the file around them, the selection marked", async ({ page }) => {
    const c = env().client;
    const [t] = await c.task.list("transform-v42", { taskListOptions: { filter: "executionInfo/result eq 'failure'", maxResults: 1 } });
    await page.goto(url(`/${ACCOUNT}/jobs/transform-v42/tasks/${t!.id}/files/stderr.txt#L1-L2`));
    const lines = page.getByTestId("log-lines");
    await expect(lines.locator("[data-selected]")).toHaveCount(2, { timeout: 30_000 });
    const link = await saveSnapshot(page, "the traceback");
    await page.goto(link);
    await expect(page.getByTestId("snapshot-banner")).toBeVisible();
    await expect(page).toHaveURL(/#L1-L2$/);
    await expect(lines.locator("[data-selected]")).toHaveCount(2);
    // The rest of the short file stays: the KeyError on its last line is what the ticket is about.
    await expect(lines).toContainText("KeyError");
  });

  test("the pool page offers Save snapshot with a note, and every page links the snapshots beside the audit log", async ({ page }) => {
    await page.goto(url(`${poolPath}?window=1h`));
    await expect(page.getByRole("link", { name: "Snapshots", exact: true })).toHaveAttribute("href", `/${ACCOUNT}/snapshots`);
    await page.getByTestId("save-snapshot").click();
    const dialog = page.getByTestId("snapshot-dialog");
    await expect(dialog.getByRole("heading", { name: "Save snapshot" })).toBeVisible();
    await expect(dialog).toContainText(`${poolPath}?window=1h`);
    await expect(dialog.getByLabel("Note (optional)")).toBeEditable();
    await expect(page.getByTestId("copy-ticket-snapshot")).toHaveCount(1);
  });

  test("a link whose id cannot be a snapshot's is a plain 404 page", async ({ page }) => {
    // The account section streams (its loading.tsx), so the status is sent before the page can say 404.
    await page.goto(url(`/${ACCOUNT}/snapshots/not%20an%20id!`));
    await expect(page.getByRole("heading", { name: "No snapshot with this id" })).toBeVisible();
  });

  test("an unknown snapshot id is a plain 404 page", async ({ page }) => {
    await page.goto(url(`/${ACCOUNT}/snapshots/AAAAAAAAAAAAAAAAAAAAAA`));
    await expect(page.getByRole("heading", { name: "No snapshot with this id" })).toBeVisible();
  });
});

test.describe.serial("in order: taken, opened, copied and listed", () => {
  let poolSnapshot = "";
  const note = "<b>disk full</b> on the three bad nodes & no `escape`";

  test("a snapshot of the pool page opens cold with the same evidence, frozen, under its banner", async ({ page, browser }) => {
    const ids = await poolNodeIds(env());
    const bad = INCIDENT_BAD_NODES.map((i) => ids[i]!);
    await page.goto(url(`${poolPath}?window=1h`));
    await expect(page.getByTestId("heatmap-row").first()).toBeVisible({ timeout: 30_000 });
    poolSnapshot = await saveSnapshot(page, note);

    // A cold tab of its own, as from a ticket (axe needs a page of a context, not browser.newPage()).
    const cold = await browser.newContext();
    const fresh = await cold.newPage();
    watchCsp(fresh);
    await fresh.goto(poolSnapshot);
    // The page takes the frozen view's query: absolute from/to instead of the relative window.
    await expect(fresh).toHaveURL(/[?&]from=.*&to=|[?&]to=.*&from=/);
    const banner = fresh.getByTestId("snapshot-banner");
    await expect(banner).toContainText(/Snapshot — taken \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by /);
    await expect(fresh.getByTestId("snapshot-note")).toHaveText(note);
    await expect(banner.getByRole("link", { name: "Open the live view" })).toHaveAttribute("href", `/${ACCOUNT}/pools/${POOL}?window=1h`);
    await expect(fresh.getByTestId("verdict")).toBeVisible();
    for (const node of bad) await expect(fresh.locator(`[data-testid="heatmap-row"][data-node-id="${node}"]`)).toHaveCount(1);
    // Nothing in a frozen view sends or refreshes.
    await expect(fresh.getByTestId("save-snapshot")).toHaveCount(0);
    await expect(fresh.getByRole("button", { name: "Pause" })).toHaveCount(0);
    for (const a of ACTIONS) await expect(fresh.getByRole("button", { name: a, exact: true })).toHaveCount(0);
    expect(await seriousViolations(fresh)).toEqual([]);

    // Leaving for the live page reads live again: its actions and Save snapshot are back.
    await banner.getByRole("link", { name: "Open the live view" }).click();
    await expect(fresh).toHaveURL(url(`${poolPath}?window=1h`));
    await expect(fresh.getByTestId("save-snapshot")).toBeVisible();
    await expect(fresh.getByTestId("snapshot-banner")).toHaveCount(0);
    await cold.close();
  });

  test("a failed task's snapshot keeps its exit code and stderr lines", async ({ page }) => {
    const task = await failedTask();
    await page.goto(url(`/${ACCOUNT}/jobs/${JOB}/tasks/${task}`));
    const stderr = page.getByLabel("Last lines of stderr.txt");
    await expect(stderr).toContainText(/\S/, { timeout: 30_000 });
    const exit = await page.getByTestId("exit-code").innerText();
    const lastLine = (await stderr.innerText())
      .split("\n")
      .filter((l) => l.trim())
      .at(-1)!;
    const link = await saveSnapshot(page, "");
    await page.goto(link);
    await expect(page.getByTestId("snapshot-banner")).toBeVisible();
    await expect(page.getByTestId("exit-code")).toHaveText(exit);
    await expect(stderr).toContainText(lastLine.trim());
  });

  test("Copy with snapshot puts the snapshot's link under the live one", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(url(`/${ACCOUNT}/jobs/${JOB}`));
    // The heatmap is read in the browser, so the page is hydrated once it shows: a click before may be lost.
    await expect(page.getByTestId("heatmap-row").first()).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("copy-ticket-snapshot").click();
    await expect(page.getByTestId("copy-ticket-snapshot")).toHaveText("Copied with snapshot", { timeout: 60_000 });
    const ticket = await page.evaluate(() => navigator.clipboard.readText());
    expect(ticket).toMatch(/\[Open in Batchscope\]\(.+\)\n\nSnapshot: \[.+\]\(http:\/\/127\.0\.0\.1:\d+\/incident\/snapshots\/[A-Za-z0-9_-]+\)/);
  });

  test("the list shows the snapshots newest first and filters by pool", async ({ page }) => {
    await page.goto(url(`/${ACCOUNT}/snapshots?pool=${POOL}`));
    const table = page.getByTestId("snapshot-table");
    await expect(table).toContainText(`pool ${POOL}`);
    await expect(table).toContainText(note);
    // Newest first: the job's snapshot (Copy with snapshot, just before) is filed under its pool too.
    await expect(table.locator("tbody tr").first()).toContainText(`job ${JOB}`);
    await page.goto(url(`/${ACCOUNT}/snapshots?pool=gpu-burst`));
    await expect(page.getByText("No snapshot matches.")).toBeVisible();
    await page.goto(url(`/${ACCOUNT}/snapshots?pool=${POOL}`));
    await table.getByRole("link").first().click();
    await expect(page.getByTestId("snapshot-banner")).toBeVisible();
  });
});
