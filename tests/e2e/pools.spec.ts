import { expect, test, sharedStack } from "../support/browser-test";
import { startDashboard, type Dashboard } from "../support/servers";

test.describe("with no account configured", () => {
  let dashboard: Dashboard;
  test.beforeAll(async () => {
    dashboard = await startDashboard();
  });
  test.afterAll(async () => dashboard?.stop());

  test("opens on the embedded demo emulator, says the data is simulated, and lists its pools", async ({ page }) => {
    await page.goto(dashboard.url);
    await expect(page).toHaveURL(`${dashboard.url}/demo`);
    await expect(page.getByRole("status").filter({ hasText: "Simulated data" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Pools \(3\)/ })).toBeVisible();
    for (const pool of ["render-linux", "etl-pool", "legacy-cloudservice"]) {
      await expect(page.getByRole("rowheader", { name: new RegExp(pool) })).toBeVisible();
    }
    // The demo's render pool has one node whose start task failed and one unusable node.
    await expect(page.getByTestId("render-linux-startTaskFailed")).toHaveText("1");
    await expect(page.getByTestId("render-linux-unusable")).toHaveText("1");
    await expect(page.getByRole("region", { name: /Pools/ }).getByTestId("as-of")).toContainText(/as of \d\d:\d\d:\d\d UTC/);
  });

  test("a link to an account that is not configured says so", async ({ page }) => {
    await page.goto(`${dashboard.url}/nosuch-account`);
    await expect(page.getByRole("heading", { name: "No such account" })).toBeVisible();
  });
});

test.describe("against an emulator named by the environment", () => {
  const env = sharedStack({ scenario: "incident", seed: 3, account: "prodacct" });

  test("shows the node-state counts the SDK reads", async ({ page }) => {
    const [counts] = await env().client.account.listPoolNodeCounts();
    await page.goto(`${env().dashboard.url}/prodacct`);
    await expect(page.getByRole("rowheader", { name: /prod-ingest/ })).toBeVisible();
    expect(counts?.poolId).toBe("prod-ingest");
    const idle = (counts?.dedicated?.idle ?? 0) + (counts?.lowPriority?.idle ?? 0);
    const running = (counts?.dedicated?.running ?? 0) + (counts?.lowPriority?.running ?? 0);
    expect(idle + running).toBe(100);
    // The view refreshes on its own; compare against the same moment by summing the two live columns.
    const shown = async () =>
      Number(await page.getByTestId("prod-ingest-idle").innerText()) + Number(await page.getByTestId("prod-ingest-running").innerText());
    await expect.poll(shown).toBe(100);
    await expect(page.getByRole("status").filter({ hasText: "Simulated data" })).toBeVisible();
    // The two last-hour columns say what they count: nodes for a pool (among the node-state columns), tasks for a job.
    await expect(page.getByRole("columnheader", { name: "Failing nodes (last hour)" })).toContainText("Failing (1h)");
    await expect(page.getByRole("columnheader", { name: "Failed tasks (last hour)" })).toContainText("Failed tasks (1h)");
  });

  test("a Batch error reaches the screen with its kind, code and request id", async ({ page }) => {
    await env().faults({ throttleRate: 1, retryAfterSeconds: 30 });
    try {
      // Reads are cached for a few seconds; wait until the route itself reports the throttling.
      await expect.poll(async () => (await fetch(`${env().dashboard.url}/api/accounts/prodacct/pools`)).status, { timeout: 10_000 }).toBe(429);
      await page.goto(`${env().dashboard.url}/prodacct`);
      // Both the pools and the jobs panel report it; the pools one is checked.
      const alert = page.getByRole("alert").filter({ hasText: "Batch is throttling" }).first();
      await expect(alert).toContainText("Batch is throttling this dashboard");
      await expect(alert).toContainText("kind: throttled");
      await expect(alert).toContainText("code: TooManyRequests");
      await expect(alert).toContainText(/request-id: [0-9a-f-]{36}/);
    } finally {
      await env().clearFaults();
    }
  });
});
