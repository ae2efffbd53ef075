import { expect, test, sharedStack } from "../support/browser-test";

/**
 * A scheduled job during the incident: nightly-reindex's recent run, nightly-reindex:job-5, fails on the
 * bad nodes of prod-ingest. Its id holds a colon, which links carry as %3A: every page on the way must
 * still read the id right.
 */
const env = sharedStack({ scenario: "incident", seed: 3, account: "prodacct" });
const SCHEDULE = "nightly-reindex";
const RECENT = "nightly-reindex:job-5";

test("the overview lists job schedules with their recurrence, next run and recent job, linked", async ({ page }) => {
  const schedule = await env().client.jobSchedule.get(SCHEDULE);
  const counts = await env().client.job.getTaskCounts(RECENT);
  await page.goto(`${env().dashboard.url}/prodacct`);
  const row = page.getByRole("region", { name: /Job schedules/ }).getByTestId(`schedule-${SCHEDULE}`);
  await expect(row).toContainText("active");
  await expect(row).toContainText("every day");
  await expect(row).toContainText(schedule.executionInfo!.nextRunTime!.toISOString().slice(0, 19).replace("T", " "));
  await expect(row).toContainText(String(counts.taskCounts.failed));
  await row.getByRole("link", { name: RECENT }).click();
  await expect(page).toHaveURL(new RegExp(`/prodacct/jobs/${SCHEDULE}(%3A|:)job-5$`));
  await expect(page.getByRole("heading", { name: RECENT })).toBeVisible();
});

test("a scheduled job's page names its schedule, linked to the schedule page that lists its runs", async ({ page }) => {
  const counts = await env().client.job.getTaskCounts(RECENT);
  await page.goto(`${env().dashboard.url}/prodacct/jobs/${encodeURIComponent(RECENT)}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(`Job ${RECENT}`);
  await expect(page.getByTestId("task-counts")).toContainText(String(counts.taskCounts.failed));
  const from = page.getByTestId("job-schedule");
  await expect(from).toContainText(`Run 5 of job schedule ${SCHEDULE}`);
  await expect(from).toContainText("runs every day");
  // The heatmap and the failure breakdown read the job through its encoded id as well.
  await expect(page.getByText(/^[1-9]\d* of \d+ completed tasks failed$/)).toBeVisible();
  await from.getByRole("link", { name: SCHEDULE }).click();
  await expect(page).toHaveURL(new RegExp(`/prodacct/jobschedules/${SCHEDULE}$`));
  await expect(page.getByTestId("schedule-state")).toHaveText("active");
  const runs = page.getByRole("region", { name: /Jobs it created/ });
  await expect(runs.getByRole("rowheader")).toHaveText([5, 4, 3, 2, 1].map((n) => `${SCHEDULE}:job-${n}`));
  await runs.getByRole("link", { name: `${SCHEDULE}:job-4` }).click();
  await expect(page.getByTestId("job-state")).toHaveText("completed");
  await expect(page.getByTestId("job-schedule")).toContainText(`a later run exists: ${RECENT}`);
});

test("a task page of the scheduled job shows why it failed and its stderr, and opens the file", async ({ page }) => {
  const failed = await env().client.task.list(RECENT, { taskListOptions: { filter: "executionInfo/result eq 'failure'" } });
  const task = failed[0]!;
  await page.goto(`${env().dashboard.url}/prodacct/jobs/${encodeURIComponent(RECENT)}/tasks/${task.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(task.id!);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: `Job ${RECENT}` })).toBeVisible();
  const tail = page.getByTestId("tail-stderr.txt").locator("pre");
  await expect(tail).toContainText(/No space left on device|Killed/);
  await page.getByRole("link", { name: "Open full stderr.txt" }).click();
  await expect(page).toHaveURL(new RegExp(`/prodacct/jobs/${SCHEDULE}(%3A|:)job-5/tasks/${task.id}/files/stderr.txt`));
  await expect(page.getByText(/No space left on device|Killed/).first()).toBeVisible();
});

test("a link to a deleted schedule says so", async ({ page }) => {
  await env().client.jobSchedule.add({ id: "short-lived", schedule: {}, jobSpecification: { poolInfo: { poolId: "prod-ingest" } } });
  await page.goto(`${env().dashboard.url}/prodacct/jobs/${encodeURIComponent("short-lived:job-1")}`);
  await expect(page.getByTestId("job-schedule").getByRole("link", { name: "short-lived" })).toBeVisible();
  // Deleting the schedule deletes its jobs too.
  await env().client.jobSchedule.deleteMethod("short-lived");
  env().emu.advance(60_000);
  await expect.poll(async () => (await env().client.jobSchedule.exists("short-lived")).body).toBe(false);
  // The dashboard shares a read for a few seconds (lib/batch/read.ts), so the first load may still be the old one.
  await expect(async () => {
    await page.goto(`${env().dashboard.url}/prodacct/jobschedules/short-lived`);
    await expect(page.getByRole("alert", { name: "Job schedule not found" })).toContainText("JobScheduleNotFound", { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
});
