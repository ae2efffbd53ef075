import { expect, test } from "../support/browser-test";
import { stackPerFile } from "../support/stack";

/**
 * The pool page of an incident while its heatmap loads slowly (every Batch call slowed by the emulator's
 * faults): the totals' progress, a page usable meanwhile, then the verdict. Apart from pool-heatmap.spec.ts,
 * with a stack of its own, so no earlier test has read the windows these load.
 */

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: "incident" });

test.describe("the pool page of an incident: a slow load", () => {
  test("a long load shows how many task pages it has read, while the rest of the page is usable", async ({ page }) => {
    // Slow every Batch answer, and ask for a window no earlier test has cached. Pinned: the pool page starts
    // a relative window's heatmap while it renders (docs/diagnosis.md), and on this small pool that read is
    // then over before the page can show its progress. Slowed as real pages are, by what they hold (the
    // emulator's latency profile): the failures' few tasks a page stay quick, the totals' pages of a
    // thousand take seconds each. With 400 ms a call alone the totals took about 2 s, and on a loaded
    // machine the page's progress polls, queued behind its other panels' reads in the browser's six
    // connections, could miss all of it.
    await env().faults({ latencyMs: 100, perItemMs: 5 });
    try {
      const now = Date.now();
      const pinned = `from=${new Date(now - 86_400_000).toISOString()}&to=${new Date(now).toISOString()}`;
      await page.goto(`${env().dashboard.url}/incident/pools/prod-ingest?${pinned}`);
      // Three jobs ran on prod-ingest in the last day: the two incident jobs and last night's nightly-reindex run.
      await expect(page.getByTestId("heatmap-progress-pages")).toContainText(/\d+ of about \d+ pages, \d+ of 3 jobs done/);
      // Usable meanwhile: the window can be changed (back to a live one), the breadcrumb followed.
      await expect(page.getByRole("button", { name: "Back to live" })).toBeEnabled();
      await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "incident" })).toBeVisible();
      await expect(page.getByTestId("heatmap-progress")).toBeHidden({ timeout: 30_000 });
      await expect(page.getByTestId("heatmap-canvas")).toBeVisible();
    } finally {
      await env().clearFaults();
    }
  });

  test("a cold load with the first answer streamed shows the totals' progress, then the verdict", async ({ page }) => {
    // A live window no other test reads, slowed before the first load: the page renders its first answer
    // (failures only, rates pending) and streams it, so the browser makes no heatmap request of its own
    // until it asks again for the rates. The progress line must come all the same, and then the verdict.
    // Seven days: a window whose totals take the most pages, so the full read outlasts the page's hydration.
    await env().faults({ latencyMs: 600 });
    try {
      await page.goto(`${env().dashboard.url}/incident/pools/prod-ingest?window=7d`);
      await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", "pending", { timeout: 30_000 });
      await expect(page.getByTestId("heatmap-progress")).toContainText("now reading totals");
      await expect(page.getByTestId("heatmap-progress-pages")).toContainText(/\d+ of about \d+ pages, \d+ of \d+ jobs done/);
      await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", /^(node|both|job|unsure|none)$/, { timeout: 60_000 });
      await expect(page.getByTestId("heatmap-progress")).toBeHidden();
    } finally {
      await env().clearFaults();
    }
  });
});
