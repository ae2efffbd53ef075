import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { expect, test, type Locator, type Page } from "../support/browser-test";
import { JOB, POOL, poolNodeIds, seriousViolations } from "../support/incident-pool";
import { stackPerFile } from "../support/stack";

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: "incident" });
const NO_SPACE = "OSError: [Errno <n>] No space left on device: '<path>'";

const poolUrl = () => `${env().dashboard.url}/incident/pools/${POOL}?window=1h`;
const signaturesPanel = (page: Page) => page.locator("section", { has: page.getByRole("heading", { name: "Failure signatures" }) });
const signatureWithLine = (panel: Locator, line: string) =>
  panel.getByTestId("signature").filter({ has: panel.page().getByTestId("signature-line").getByText(line, { exact: true }) });

/** The heatmap's rows that count a failure, with their counts (rows with failures come first, so they are rendered). */
const failingRows = (page: Page) =>
  page.getByTestId("heatmap-row").evaluateAll((rows) =>
    rows
      .map((r) => ({ node: r.getAttribute("data-node-id") ?? "", failures: Number(r.querySelector('[title="failed tasks in the window"]')?.textContent ?? 0) }))
      .filter((r) => r.failures > 0)
      .sort((a, b) => (a.node < b.node ? -1 : 1)),
  );

// One stack, tests in order (the last adds a job). The first read of a page's signatures reads up to 200
// stderr tails (two calls each) from the emulator.
test.describe.configure({ mode: "serial", timeout: 90_000 });
test("the operator finds the full disk's signature, filters the heatmap to its two nodes, and clears the filter", async ({ page }) => {
  const ids = await poolNodeIds(env());
  const [n17, n42, n73] = INCIDENT_BAD_NODES.map((i) => ids[i]!) as [string, string, string];
  await page.goto(poolUrl());

  const panel = signaturesPanel(page);
  await expect(panel.getByTestId("signature-sample")).toContainText(/Signatures from [\d,]+ of [\d,]+ failed tasks/, { timeout: 30_000 });
  const noSpace = signatureWithLine(panel, NO_SPACE);
  await expect(noSpace).toHaveCount(1);
  await expect(noSpace).toContainText("2 nodes:");
  await expect(noSpace).toContainText(n17);
  await expect(noSpace).toContainText(n42);
  await expect(noSpace).toContainText("exit 1");
  await expect(noSpace.getByTestId("signature-example")).toContainText("No space left on device: '/mnt/batch/");
  const killed = signatureWithLine(panel, "Killed");
  await expect(killed).toContainText("exit 137");
  await expect(killed).toContainText("1 node:");
  await expect(killed).toContainText(n73);
  await expect(signatureWithLine(panel, "KeyError: '<…>'")).toContainText("transform-v42");
  // "New" marks a signature first seen in the window's last quarter: the incident's have all failed since its
  // first minutes, so none is new (the one first seen latest used to be, however long ago).
  await expect(panel.getByTestId("signature")).not.toHaveCount(0);
  await expect(panel.getByTestId("signature-new")).toHaveCount(0);
  await expect(panel.getByText(/first in this window [\dhms ]+ ago \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/).first()).toBeVisible();
  // At 1280 px the panel's long lines and node ids wrap or cut rather than widen the page, and it passes axe.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page, 'section[aria-labelledby="signatures-heading"]')).toEqual([]);
  const count = Number((await noSpace.getByTestId("signature-count").textContent())?.replace(/,/g, ""));
  expect(count).toBeGreaterThan(0);

  await noSpace.getByTestId("signature-line").click();
  await expect(page).toHaveURL(/[?&]sig=[A-Za-z0-9_-]{10}/);
  const chip = page.getByTestId("signature-filter");
  await expect(chip).toContainText("Filtered by signature");
  await expect(chip).toContainText(NO_SPACE);
  await expect(noSpace.getByTestId("signature-line")).toHaveAttribute("aria-pressed", "true");
  const onlyTheDisk = [
    { node: n17, failures: expect.any(Number) },
    { node: n42, failures: expect.any(Number) },
  ].sort((a, b) => (a.node < b.node ? -1 : 1));
  await expect.poll(() => failingRows(page)).toEqual(onlyTheDisk);
  expect((await failingRows(page)).reduce((n, r) => n + r.failures, 0)).toBe(count);

  // The filter is in the URL: a refresh (or a pasted link) shows the same.
  await page.reload();
  await expect(chip).toContainText(NO_SPACE);
  await expect.poll(() => failingRows(page)).toEqual(onlyTheDisk);

  await chip.getByRole("button", { name: "Clear the signature filter" }).click();
  await expect(chip).toHaveCount(0);
  await expect(page).not.toHaveURL(/sig=/);
  await expect.poll(async () => (await failingRows(page)).length).toBeGreaterThan(2);
});

test("the job page lists the job's own signatures, with node links into the job's pool", async ({ page }) => {
  const ids = await poolNodeIds(env());
  const n73 = ids[INCIDENT_BAD_NODES[2]]!;
  await page.goto(`${env().dashboard.url}/incident/jobs/${JOB}?window=1h`);
  const panel = signaturesPanel(page);
  const killed = signatureWithLine(panel, "Killed");
  await expect(killed).toContainText("1 node:", { timeout: 30_000 });
  await expect(killed.getByRole("link", { name: n73 })).toHaveAttribute("href", `/incident/pools/${POOL}/nodes/${n73}`);
  await expect(panel).not.toContainText("transform-v42");
});

test("a stderr line holding HTML is shown as text", async ({ page }) => {
  const client = env().client;
  await client.job.add({ id: "html-probe", poolInfo: { poolId: POOL } });
  await client.task.add("html-probe", {
    id: "html-in-stderr",
    commandLine: `/bin/sh -c "echo '<img src=x onerror=alert(1)> render failed' >&2; exit 3"`,
    constraints: { maxTaskRetryCount: 0 },
  });
  for (let i = 0; i < 120; i++) {
    if ((await client.task.get("html-probe", "html-in-stderr")).state === "completed") break;
    env().emu.advance(5_000);
  }
  expect((await client.task.get("html-probe", "html-in-stderr")).state).toBe("completed");
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await page.goto(poolUrl());
  const panel = signaturesPanel(page);
  const probe = panel.getByTestId("signature").filter({ hasText: "exit 3" });
  await expect(probe.getByTestId("signature-line")).toHaveText("<img src=x onerror=alert(<n>)> render failed", { timeout: 30_000 });
  await expect(probe.getByTestId("signature-example")).toHaveText("<img src=x onerror=alert(1)> render failed");
  await expect(panel.locator("img")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
