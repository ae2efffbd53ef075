import { expect, test, type Page } from "../support/browser-test";
import { stackPerFile } from "../support/stack";
import { axe } from "../support/axe";

/**
 * The operator's last two steps: a task page that says why the task failed, and a node page that says
 * what the node is doing, against the demo scenario through the real SDK path.
 */

const env = stackPerFile(test, { scenario: "demo", seed: 1, account: "demo" });

const taskUrl = (job: string, task: string) => `${env().dashboard.url}/demo/jobs/${job}/tasks/${task}`;
const nodeUrl = (pool: string, node: string) => `${env().dashboard.url}/demo/pools/${pool}/nodes/${node}`;

async function seriousViolations(page: Page) {
  const result = await axe(page).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function renderNodes() {
  // One page holds the demo's 16 render nodes.
  return [...(await env().client.computeNode.list("render-linux"))];
}

/** A signal's meaning is said once, in the explanation; the exit code's line gives the code alone (it said it twice). */
async function expectMeaningOnce(page: Page, code: number) {
  await expect(page.getByTestId("explanation")).toContainText(code === 137 ? /SIGKILL.*out-of-memory/ : /SIGSEGV.*segmentation fault/);
  await expect(page.getByTestId("exit-code")).toHaveText(`Exit code ${code}`);
  const said = (await page.getByTestId("verdict").innerText()).match(new RegExp(code === 137 ? "SIGKILL" : "SIGSEGV", "g")) ?? [];
  expect(said).toHaveLength(1);
}

test.describe("task page", () => {
  test("a missing resource file: PreProcessing, the next step names resource files and SAS, Batch's code raw", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(taskUrl("etl-nightly", "shard-0001"));
    const verdict = page.getByTestId("verdict");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("shard-0001");
    await expect(verdict).toContainText("PreProcessing");
    await expect(page.getByTestId("next-step")).toContainText(/resource file/i);
    await expect(page.getByTestId("next-step")).toContainText("SAS");
    await expect(page.getByTestId("failure-info")).toContainText("BlobNotFound");
    await expect(page.getByTestId("failure-info")).toContainText("raw/2026-11-26/part-0042.csv");
    await expect(page.getByTestId("exit-code")).toContainText("never ran");
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Job etl-nightly" })).toHaveAttribute(
      "href",
      "/demo/jobs/etl-nightly",
    );
    await expect(page.getByTestId("as-of").first()).toContainText(/as of \d\d:\d\d:\d\d UTC/);
    // The task never started, so it wrote no logs: said plainly, not as an error.
    await expect(page.getByText("stderr.txt does not exist")).toBeVisible();
    await page.getByTestId("copy-ticket").click();
    const ticket = await page.evaluate(() => navigator.clipboard.readText());
    expect(ticket).toContain("Task shard-0001 in job etl-nightly: PreProcessing");
    expect(ticket).toContain("- Failure code: BlobNotFound");
    expect(ticket).toContain(`(${taskUrl("etl-nightly", "shard-0001")})`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await expect(page.getByTestId("verdict")).toContainText("PreProcessing");
  });

  test("a denied upload with exit code 0 is a FileUpload failure, and fileuploaderr.txt is shown", async ({ page }) => {
    await page.goto(taskUrl("etl-nightly", "shard-0004"));
    await expect(page.getByTestId("verdict")).toContainText("FileUpload");
    await expect(page.getByTestId("exit-code")).toContainText("0");
    await expect(page.getByTestId("failure-info")).toContainText("FileUploadAccessDenied");
    await expect(page.getByTestId("tail-fileuploaderr.txt").locator("pre")).toContainText("AuthorizationPermissionMismatch");
    await expect(page.getByRole("link", { name: "Open full fileuploaderr.txt" })).toHaveAttribute(
      "href",
      "/demo/jobs/etl-nightly/tasks/shard-0004/files/fileuploaderr.txt",
    );
    await expect(page.getByTestId("tail-stdout.txt").locator("pre")).toContainText("part-0000.parquet");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("maxWallClockTime: Constraint, the exit code explained, the node linked", async ({ page }) => {
    await page.goto(taskUrl("etl-nightly", "shard-0005"));
    await expect(page.getByTestId("verdict")).toContainText("Constraint");
    await expect(page.getByTestId("explanation")).toContainText("maxWallClockTime");
    await expect(page.getByTestId("exit-code")).toContainText("-1073741510");
    await expect(page.getByTestId("exit-code")).toContainText("STATUS_CONTROL_C_EXIT");
    await expect(page.getByTestId("failure-info")).toContainText("TaskEnded");
    await expect(page.getByTestId("run-time")).toContainText(/^ran /);
    await expect(page.getByTestId("node-link")).toHaveAttribute("href", /^\/demo\/pools\/etl-pool\/nodes\/tvmps_[0-9a-f]{64}_d$/);
    await page.reload();
    await expect(page.getByTestId("explanation")).toContainText("maxWallClockTime");
  });

  test("a render frame killed by a signal has its exit code explained and its stderr tail inline, and in the ticket", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const res = await fetch(`${env().dashboard.url}/api/accounts/demo/jobs/render-frames/tasks?state=completed&exitCode=137`);
    let body = (await res.json()) as { tasks: { id: string }[] };
    let code = 137;
    if (body.tasks.length === 0) {
      code = 139;
      body = (await (await fetch(`${env().dashboard.url}/api/accounts/demo/jobs/render-frames/tasks?state=completed&exitCode=139`)).json()) as typeof body;
    }
    const id = body.tasks[0]?.id;
    expect(id, "the demo has a render frame that exited 137 or 139").toBeTruthy();
    await page.goto(taskUrl("render-frames", id!));
    await expect(page.getByTestId("verdict")).toContainText("Application");
    await expectMeaningOnce(page, code);
    await expect(page.getByTestId("tail-stderr.txt").locator("pre")).toContainText(code === 137 ? "Killed" : "Segmentation fault");
    // Copy for ticket: the stderr's last line in a fenced block, with the link to the whole file.
    await page.getByTestId("copy-ticket").click();
    const ticket = await page.evaluate(() => navigator.clipboard.readText());
    expect(ticket).toContain(`[Open stderr.txt](${taskUrl("render-frames", id!)}/files/stderr.txt)`);
    expect(ticket).toMatch(code === 137 ? /\n```text\nKilled\n```\n/ : /\n```text\nSegmentation fault \(core dumped\)\n```\n/);
    expect(ticket).toContain(`- Exit code: ${code}`);
  });
});

test.describe("task page: untrusted text and missing resources", () => {
  test("a stderr holding <script> is shown as text and runs nothing", async ({ page }) => {
    await env().client.task.add("render-frames", {
      id: "xss-stderr",
      commandLine: `/bin/sh -c "echo '<script>alert(1)</script>' >&2; exit 1"`,
      constraints: { maxTaskRetryCount: 0 },
    });
    for (let i = 0; i < 120; i++) {
      const t = await env().client.task.get("render-frames", "xss-stderr");
      if (t.state === "completed") break;
      env().emu.advance(5_000);
    }
    expect((await env().client.task.get("render-frames", "xss-stderr")).state).toBe("completed");
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(taskUrl("render-frames", "xss-stderr"));
    const tail = page.getByTestId("tail-stderr.txt").locator("pre");
    await expect(tail).toContainText("<script>alert(1)</script>");
    await expect(tail.locator("script")).toHaveCount(0);
    await expect(page.getByTestId("exit-code")).toContainText("1");
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });

  test("a task that does not exist, and a job that does not exist, say so and offer the parent", async ({ page }) => {
    await page.goto(taskUrl("etl-nightly", "no-such-task"));
    await expect(page.getByRole("heading", { name: /Task no-such-task no longer exists/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to job etl-nightly" })).toHaveAttribute("href", "/demo/jobs/etl-nightly");
    await page.goto(taskUrl("no-such-job", "t1"));
    await expect(page.getByRole("heading", { name: /Job no-such-job no longer exists/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to account demo" })).toHaveAttribute("href", "/demo");
  });
});

test.describe("node page", () => {
  test("the unusable node shows its errors explained", async ({ page }) => {
    const unusable = (await renderNodes()).find((n) => n.state === "unusable");
    expect(unusable?.id).toBeTruthy();
    await page.goto(nodeUrl("render-linux", unusable!.id!));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(unusable!.id!);
    await expect(page.getByTestId("node-state")).toContainText(/unusable\s+for \d/);
    const errors = page.getByTestId("node-errors");
    await expect(errors).toContainText(unusable!.errors![0]!.code!);
    await expect(errors).toContainText(unusable!.errors![0]!.message!);
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Pool render-linux" })).toHaveAttribute(
      "href",
      "/demo/pools/render-linux",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await expect(page.getByTestId("node-errors")).toContainText(unusable!.errors![0]!.code!);
  });

  test("the node whose start task failed shows the failure and the tail of startup/stderr.txt", async ({ page }) => {
    const failed = (await renderNodes()).find((n) => n.state === "starttaskfailed");
    expect(failed?.id).toBeTruthy();
    await page.goto(nodeUrl("render-linux", failed!.id!));
    await expect(page.getByTestId("start-task-summary")).toContainText("failed with exit code 100");
    await expect(page.getByTestId("tail-startup/stderr.txt").locator("pre")).toContainText("Unable to locate package");
    await expect(page.getByRole("link", { name: "Open full startup/stderr.txt" })).toHaveAttribute(
      "href",
      `/demo/pools/render-linux/nodes/${failed!.id}/files/startup/stderr.txt`,
    );
    // The node's file list puts the start task's logs first.
    await expect(page.getByTestId("node-file-list").getByRole("link").first()).toHaveText("startup/stderr.txt");
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await expect(page.getByTestId("tail-startup/stderr.txt").locator("pre")).toContainText("Unable to locate package");
  });

  test("a busy node lists its recent tasks with categories, linked to their pages", async ({ page }) => {
    const nodes = await renderNodes();
    const busy = nodes.find((n) => (n.recentTasks ?? []).length > 0 && n.state !== "unusable");
    expect(busy?.id).toBeTruthy();
    await page.goto(nodeUrl("render-linux", busy!.id!));
    const table = page.getByTestId("recent-tasks");
    await expect(table.getByRole("row")).not.toHaveCount(1);
    const first = busy!.recentTasks![0]!;
    await expect(table.getByRole("link", { name: first.taskId! })).toHaveAttribute("href", `/demo/jobs/${first.jobId}/tasks/${first.taskId}`);
    await expect(page.getByRole("heading", { name: "Batch's last few tasks on this node" })).toBeVisible();
  });
});

test.describe("node page: stale data and a removed node", () => {
  test("a failed refresh keeps the node on screen under the stale-data banner", async ({ page }) => {
    const node = (await renderNodes()).find((n) => n.state === "starttaskfailed");
    // The page's timers on Playwright's clock: its next refresh is made due once the server answers 429.
    await page.clock.install();
    await page.goto(nodeUrl("render-linux", node!.id!));
    await expect(page.getByTestId("start-task-summary")).toBeVisible();
    await page.getByLabel("Refresh").selectOption("5000");
    await env().faults({ throttleRate: 1, retryAfterSeconds: 1 });
    try {
      await expect
        .poll(async () => (await fetch(`${env().dashboard.url}/api/accounts/demo/pools/render-linux/nodes/${node!.id}`)).status, { timeout: 10_000 })
        .toBe(429);
      await page.clock.fastForward(5_000);
      const banner = page.getByRole("alert").filter({ hasText: "showing the last data received" }).first();
      await expect(banner).toContainText("kind: throttled", { timeout: 20_000 });
      await expect(page.getByTestId("as-of").first()).toContainText("data as of");
      await expect(page.getByTestId("start-task-summary")).toContainText("failed with exit code 100");
    } finally {
      await env().clearFaults();
    }
  });

  test("a removed node's link says it is gone and offers the pool", async ({ page }) => {
    const victim = (await renderNodes()).find((n) => n.state === "idle");
    expect(victim?.id).toBeTruthy();
    const id = victim!.id!;
    await page.goto(nodeUrl("render-linux", id));
    await expect(page.getByTestId("node-state")).toBeVisible();
    await env().client.pool.removeNodes("render-linux", { nodeList: [id], nodeDeallocationOption: "requeue" });
    let gone = false;
    for (let i = 0; i < 120 && !gone; i++) {
      env().emu.advance(10_000);
      gone = !(await renderNodes()).some((n) => n.id === id);
    }
    expect(gone).toBe(true);
    // Reads are cached for a few seconds; wait until the route itself reports the node gone.
    await expect
      .poll(async () => (await fetch(`${env().dashboard.url}/api/accounts/demo/pools/render-linux/nodes/${id}`)).status, { timeout: 15_000 })
      .toBe(404);
    await page.reload();
    await expect(page.getByRole("heading", { name: new RegExp(`Node ${id} no longer exists`) })).toBeVisible();
    await expect(page.getByText(`is no longer in pool render-linux: it was removed or the pool was resized down; its files went with it`)).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to pool render-linux" })).toHaveAttribute("href", "/demo/pools/render-linux");
  });
});
