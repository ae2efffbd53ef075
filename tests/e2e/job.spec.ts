import { expect, test } from "../support/browser-test";
import { stackPerFile } from "../support/stack";
import { axe } from "../support/axe";

const env = stackPerFile(test, { scenario: "demo", seed: 1, account: "demo" });

test("the overview lists active jobs with their counts and links to each job", async ({ page }) => {
  const counts = await env().client.job.getTaskCounts("etl-nightly");
  await page.goto(`${env().dashboard.url}/demo`);
  const jobs = page.getByRole("region", { name: /Active jobs/ });
  const row = jobs.getByRole("row", { name: /etl-nightly/ });
  await expect(row).toContainText(String(counts.taskCounts.succeeded));
  await expect(row).toContainText(String(counts.taskCounts.failed));
  await row.getByRole("link", { name: "etl-nightly" }).click();
  await expect(page).toHaveURL(/\/demo\/jobs\/etl-nightly/);
  await expect(page.getByTestId("task-counts")).toContainText(String(counts.taskCounts.failed));
  // Batch's counts lag its tasks (docs/real-service.md): the page says so beside them.
  await expect(page.getByTestId("task-counts-note")).toContainText("can lag behind the tasks");
});

test("category and node filters live in the URL, survive a reload, and match what Batch holds", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/demo/jobs/etl-nightly?window=24h`);
  const breakdown = page.getByTestId("failures-by-category");
  await expect(breakdown).toContainText("PreProcessing");
  await page.getByRole("button", { name: "Show PreProcessing failures" }).click();
  await expect(page).toHaveURL(/category=PreProcessing/);
  const tasks = page.getByRole("region", { name: "Tasks" });
  // The demo lays down three pre-processing failures: a missing blob, an expired SAS, a missing program.
  const failed = await env().client.task.list("etl-nightly", { taskListOptions: { filter: "executionInfo/result eq 'failure'" } });
  const preprocessing = failed.filter((t) => ["BlobNotFound", "BlobAccessDenied", "CommandProgramNotFound"].includes(t.executionInfo?.failureInfo?.code ?? ""));
  await expect(tasks.getByRole("rowheader")).toHaveCount(preprocessing.length);
  for (const t of preprocessing) await expect(tasks.getByRole("rowheader", { name: t.id! })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Category")).toHaveValue("PreProcessing");
  await expect(tasks.getByRole("rowheader")).toHaveCount(preprocessing.length);

  const node = preprocessing[0]!.nodeInfo!.nodeId!;
  await page.getByRole("textbox", { name: "Node" }).fill(node);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`node=${node}`));
  const onNode = preprocessing.filter((t) => t.nodeInfo?.nodeId === node);
  await expect(tasks.getByRole("rowheader")).toHaveCount(onNode.length);
});

test("pages through a job's tasks without repeating or skipping any", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/demo/jobs/render-frames?outcome=all&window=7d`);
  const tasks = page.getByRole("region", { name: "Tasks" });
  await expect(tasks.getByRole("rowheader")).toHaveCount(50);
  const first = await tasks.getByRole("rowheader").allInnerTexts();
  await tasks.getByRole("button", { name: "Next page" }).click();
  await expect(tasks).toContainText("Page 2");
  await expect(tasks.getByRole("table")).toHaveAttribute("aria-busy", "false");
  const second = await tasks.getByRole("rowheader").allInnerTexts();
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
});

test("a link to a deleted job says so and offers the account", async ({ page }) => {
  await env().client.job.deleteMethod("ml-training");
  env().emu.advance(60_000);
  await expect
    .poll(async () =>
      env()
        .client.job.get("ml-training")
        .then(
          () => "there",
          () => "gone",
        ),
    )
    .toBe("gone");
  await page.goto(`${env().dashboard.url}/demo/jobs/ml-training`);
  const gone = page.getByRole("alert", { name: /not found/ });
  await expect(gone).toContainText("Job ml-training no longer exists");
  await expect(gone).toContainText("JobNotFound");
  await expect(gone.getByRole("link", { name: /Back to account demo/ })).toHaveAttribute("href", "/demo");
});

test("a throttled refresh keeps the data on screen under a banner with Batch's code and request id", async ({ page }) => {
  // The page's timers on Playwright's clock: its next refresh is made due once the server would answer 429.
  await page.clock.install();
  await page.goto(`${env().dashboard.url}/demo/jobs/etl-nightly`);
  const counts = page.getByTestId("task-counts");
  await expect(counts).toContainText("Failed");
  await page.getByLabel("Refresh").selectOption("5000");
  await env().faults({ throttleRate: 1, retryAfterSeconds: 30 });
  try {
    // Reads are cached for a few seconds; wait until the route itself reports the throttling, then refresh.
    await expect.poll(async () => (await fetch(`${env().dashboard.url}/api/accounts/demo/jobs/etl-nightly`)).status, { timeout: 10_000 }).toBe(429);
    await page.clock.fastForward(5_000);
    const banner = page.getByRole("alert").filter({ hasText: "showing the last data received" }).first();
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText("code: TooManyRequests");
    await expect(banner).toContainText(/request-id: [0-9a-f-]{36}/);
    await expect(counts).toContainText("Failed");
    await expect(page.getByTestId("as-of").first()).toContainText("data as of");
  } finally {
    await env().clearFaults();
  }
});

test("the overview and the job page have no serious or critical accessibility violation", async ({ page }) => {
  for (const path of ["/demo", "/demo/jobs/render-frames?window=24h"]) {
    await page.goto(`${env().dashboard.url}${path}`);
    await expect(page.getByTestId("as-of").first()).toBeVisible();
    const { violations } = await axe(page).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});

test("'Copy for ticket' on a job gives a summary with the pinned link, counts and categories", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`${env().dashboard.url}/demo/jobs/etl-nightly?window=24h`);
  await expect(page.getByTestId("failures-by-category")).toContainText("PreProcessing");
  await page.getByTestId("copy-ticket").click();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain("**Job etl-nightly (account demo, pool etl-pool)");
  expect(text).toMatch(/Failures by category: .*PreProcessing 3/);
  const link = /\[Open in Batchscope\]\((.+)\)/.exec(text)?.[1];
  expect(link).toBeDefined();
  const url = new URL(link!);
  expect(url.searchParams.get("window")).toBeNull();
  expect(Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!)).toBe(24 * 3_600_000);
});

test("the job page starts its heatmap, breakdown and tasks at once, not after the job has answered", async ({ page }) => {
  // A job no test has read yet (no cached answer), whose every Batch call the emulator slows down.
  const poolId = (await env().client.job.get("etl-nightly")).poolInfo!.poolId!;
  await env().client.job.add({ id: "panels-at-once", poolInfo: { poolId } });
  await env().faults({ latencyMs: 6_000, pathPrefix: "/jobs/panels-at-once" });
  try {
    const issued = new Map<string, number>();
    page.on("request", (r) => {
      const m = /^\/api\/accounts\/demo\/jobs\/panels-at-once\/(heatmap|failures|tasks)$/.exec(new URL(r.url()).pathname);
      if (m && !issued.has(m[1]!)) issued.set(m[1]!, Date.now());
    });
    await page.goto(`${env().dashboard.url}/demo/jobs/panels-at-once`, { waitUntil: "commit" });
    await expect(page.getByTestId("task-counts")).toBeVisible({ timeout: 30_000 });
    const jobShown = Date.now();
    expect([...issued.keys()].sort()).toEqual(["failures", "heatmap", "tasks"]);
    // The job takes at least 6 s to read. A waterfall would send each panel's request only once the job is on
    // screen; here each went out clearly before (by half a second at least, leaving room for a slow hydration).
    for (const [panel, at] of issued) expect(at, `${panel} requested ${jobShown - at} ms before the job was shown`).toBeLessThan(jobShown - 500);
  } finally {
    await env().clearFaults();
  }
});

test("the job is read on the server: the page's HTML already holds its task counts, before any script runs", async ({ request }) => {
  const counts = await env().client.job.getTaskCounts("render-frames");
  const page = () => request.get(`${env().dashboard.url}/demo/jobs/render-frames`).then((r) => r.text());
  // The server waits at most a second for the job; a cold server's first read may take longer, so ask until warm.
  await expect.poll(async () => (await page()).includes('data-testid="task-counts"'), { timeout: 20_000 }).toBe(true);
  expect(await page()).toContain(`>${counts.taskCounts.succeeded}<`);
});

test("the job page hydrates without a server/browser mismatch (no page error, no React #418)", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /#418|Hydration failed|didn't match/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  // The mismatch depended on which of the page's reads reached the server's render first: several loads.
  for (const query of ["", "?window=24h", "", "?window=24h"]) {
    await page.goto(`${env().dashboard.url}/demo/jobs/render-frames${query}`);
    await expect(page.getByTestId("task-counts")).toBeVisible();
    await expect(page.getByRole("region", { name: "Tasks" }).getByRole("table")).toHaveAttribute("aria-busy", "false");
  }
  expect(errors).toEqual([]);
});
