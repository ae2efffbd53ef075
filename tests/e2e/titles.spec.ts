import { expect, test, sharedStack } from "../support/browser-test";
import { ACCOUNT, JOB, POOL, poolNodeIds } from "../support/incident-pool";

// Several tabs of one incident must be told apart by their titles: each names its page's thing first.
const env = sharedStack({ scenario: "incident", seed: 1, account: ACCOUNT });

test("each page's tab title names what it shows, then the account", async ({ page }) => {
  const base = `${env().dashboard.url}/${ACCOUNT}`;
  const [node] = await poolNodeIds(env());
  const cases: [string, RegExp][] = [
    [base, /^Pools and jobs · incident · Batchscope$/],
    [`${base}/pools/${POOL}`, /^Pool prod-ingest · incident · Batchscope$/],
    [`${base}/pools/${POOL}/nodes/${node}`, /^Node tvmps_.* · prod-ingest · incident · Batchscope$/],
    [`${base}/jobs/${JOB}`, new RegExp(`^Job ${JOB} · incident · Batchscope$`)],
    [`${base}/jobs/${JOB}/tasks/chunk-00001/files/stderr.txt`, /^stderr\.txt · task chunk-00001 · incident · Batchscope$/],
    [`${base}/audit`, /^Audit log · incident · Batchscope$/],
  ];
  for (const [url, title] of cases) {
    await page.goto(url);
    await expect(page).toHaveTitle(title);
  }
});

test("a title carrying markup from the URL stays text", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/jobs/${encodeURIComponent("<b>x</b>")}`);
  await expect(page).toHaveTitle(/^Job <b>x<\/b> · incident · Batchscope$/);
  expect(await page.locator("b", { hasText: "x" }).count()).toBe(0);
});
