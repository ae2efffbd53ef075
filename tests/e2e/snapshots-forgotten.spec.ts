import { expect, test, type Page } from "../support/browser-test";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { ACCOUNT, JOB, POOL, poolNodeIds } from "../support/incident-pool";
import { all } from "../support/sdk-paging";
import { saveSnapshot as save } from "../support/snapshots";
import { stackPerFile } from "../support/stack";

const saveSnapshot = async (page: Page, note: string) => new URL(await save(page, note)).pathname;

// A snapshot keeps the evidence after Batch forgets it (docs/snapshots.md): the pool page and a failed task
// are frozen, then the pool's jobs are deleted, the worst nodes removed and the dashboard restarted; both
// links still show the worst nodes, the verdict, the task's exit code and its stderr lines.

/** Step: a task added to the job whose stderr holds HTML and terminal escapes, run to its end. */
async function addHtmlTask(env: ReturnType<typeof stackPerFile>): Promise<void> {
  const { client } = env();
  await client.task.add(JOB, {
    id: "html-stderr",
    commandLine: `/bin/sh -c "echo '<img src=x onerror=alert(1)></pre><script>alert(2)</script> \\033[31mred\\033[0m' >&2; exit 3"`,
    constraints: { maxTaskRetryCount: 0 },
  });
  await expect
    .poll(
      async () => {
        await env().advance(10);
        return (await client.task.get(JOB, "html-stderr")).state;
      },
      { timeout: 60_000 },
    )
    .toBe("completed");
}

const names = (page: Page) => page.getByTestId("diagnosis-node").evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")!).sort());

// The tests run in order on one stack: the snapshots are taken, then Batch forgets, then they are opened.
test.describe.configure({ mode: "serial", timeout: 180_000 });
const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT, speed: 0.001 });
let bad: string[];
const taken: { pool: string; task: string; headline: string; named: string[]; taskId: string; exit: string; stderr: string; html: string } = {
  pool: "",
  task: "",
  headline: "",
  named: [],
  taskId: "",
  exit: "",
  stderr: "",
  html: "",
};

test.beforeAll(async () => {
  const ids = await poolNodeIds(env());
  bad = INCIDENT_BAD_NODES.map((i) => ids[i]!);
});

test("the pool page and a failed task on a bad node are saved as snapshots", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}?window=1h`);
  await expect(page.getByTestId("diagnosis-node").first()).toBeVisible({ timeout: 90_000 });
  taken.headline = (await page.getByTestId("verdict-headline").textContent())!;
  taken.named = await names(page);
  expect(taken.named.filter((n) => bad.includes(n)).length).toBeGreaterThanOrEqual(2);
  taken.pool = await saveSnapshot(page, "prod-ingest before removing the bad nodes");

  const { client } = env();
  const failed = await all(client.task.list(JOB, { taskListOptions: { filter: "executionInfo/result eq 'failure'" } }), (l) => client.task.listNext(l));
  const task = failed.find((t) => t.nodeInfo?.nodeId === bad[0] && t.executionInfo?.exitCode !== undefined)!;
  taken.taskId = task.id!;
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/jobs/${JOB}/tasks/${task.id}`);
  await expect(page.getByTestId("exit-code")).toContainText(String(task.executionInfo!.exitCode));
  taken.exit = await page.getByTestId("exit-code").innerText();
  const stderr = page.getByLabel("Last lines of stderr.txt");
  await expect(stderr).toContainText(/\S/, { timeout: 30_000 });
  taken.stderr = (await stderr.innerText())
    .split("\n")
    .filter((l) => l.trim())
    .at(-1)!
    .trim();
  taken.task = await saveSnapshot(page, "a failed task on the worst node");
});

test("a task whose stderr holds HTML and terminal escapes is saved too", async ({ page }) => {
  await addHtmlTask(env);
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/jobs/${JOB}/tasks/html-stderr`);
  await expect(page.getByLabel("Last lines of stderr.txt")).toContainText("<img src=x onerror=alert(1)>", { timeout: 30_000 });
  taken.html = await saveSnapshot(page, "<b>bold?</b>");
});

test("after the jobs are deleted, the worst nodes removed and the dashboard restarted, the links show the same evidence", async ({ page }) => {
  const { client } = env();
  const jobs = (await all(client.job.list(), (l) => client.job.listNext(l))).filter((j) => j.poolInfo?.poolId === POOL);
  expect(jobs.length).toBeGreaterThan(0);
  for (const j of jobs) await client.job.deleteMethod(j.id!);
  await client.pool.removeNodes(POOL, { nodeList: bad, nodeDeallocationOption: "requeue" });
  await expect
    .poll(
      async () => {
        await env().advance(60);
        const left = await poolNodeIds(env());
        return bad.filter((b) => left.includes(b)).length;
      },
      { timeout: 60_000 },
    )
    .toBe(0);
  const dashboard = await env().restartDashboard();

  // Batch has forgotten the task: the live page says so.
  await page.goto(`${dashboard.url}/${ACCOUNT}/jobs/${JOB}/tasks/${taken.taskId}`);
  await expect(page.getByRole("heading", { name: /no longer exists/ })).toBeVisible();

  await page.goto(`${dashboard.url}${taken.pool}`);
  await expect(page.getByTestId("snapshot-banner")).toContainText("prod-ingest before removing the bad nodes");
  await expect(page.getByTestId("verdict-headline")).toHaveText(taken.headline);
  await expect.poll(() => names(page)).toEqual(taken.named);
  for (const n of taken.named) await expect(page.locator(`[data-testid=heatmap-row][data-node-id="${n}"]`)).toHaveCount(1);

  await page.goto(`${dashboard.url}${taken.task}`);
  await expect(page.getByTestId("snapshot-banner")).toContainText("a failed task on the worst node");
  await expect(page.getByTestId("exit-code")).toHaveText(taken.exit);
  await expect(page.getByLabel("Last lines of stderr.txt")).toContainText(taken.stderr);
});

test("log text with HTML and escapes in a snapshot renders as text and runs nothing", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${env().dashboard.url}${taken.html}`);
  await expect(page.getByTestId("snapshot-note")).toHaveText("<b>bold?</b>");
  const stderr = page.getByLabel("Last lines of stderr.txt");
  await expect(stderr).toContainText("<img src=x onerror=alert(1)></pre><script>alert(2)</script>");
  await expect(stderr.locator("img, script, b")).toHaveCount(0);
  await expect(page.getByTestId("snapshot-note").locator("b")).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
