import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { expect, test, type Page } from "../support/browser-test";
import { fullHeatmapAnswer } from "../support/heatmap-answer";
import { ACCOUNT, POOL, poolNodeIds } from "../support/incident-pool";
import { stackPerFile } from "../support/stack";
import { axe } from "../support/axe";

// The operator's question on the incident scenario: bad node or bad job? Three nodes of prod-ingest go
// bad (two with a full disk, one OOM-killed), transform-v42 has a genuine bug on every node, and gpu-burst
// has nodes failing their start task. The rule behind every answer is docs/diagnosis.md.

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT });
let bad: string[];
const poolUrl = (pool = POOL, query = "") => `${env().dashboard.url}/${ACCOUNT}/pools/${pool}${query}`;

test.beforeAll(async () => {
  const ids = await poolNodeIds(env());
  bad = INCIDENT_BAD_NODES.map((i) => ids[i]!).sort();
});

/** The full answer, as the page ends up showing it (a first answer may have its rates pending). */
async function heatmapApi(query: string): Promise<HeatmapResponse> {
  return fullHeatmapAnswer(`${env().dashboard.url}/api/accounts/${ACCOUNT}/pools/${POOL}/heatmap?${query}&buckets=60`);
}

/** Any verdict kind but a first paint's `pending` (the failures alone, the verdict waiting for the totals: docs/diagnosis.md). */
const NOT_PENDING = /^(?!pending$)/;

const namedNodes = (page: Page) => page.getByTestId("diagnosis-node").evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")!).sort());

/**
 * Each column of the split by job says what it counts, and the one whose number the verdict gives says so:
 * transform-v42's count in the verdict's sentence is the table's "On healthy nodes", not its "Failed".
 */
async function expectSplitSaysWhatItCounts(page: Page) {
  const split = page.getByTestId("job-split");
  await expect(split.getByRole("columnheader")).toHaveText(["Job", "Failed", "Completed", "Nodes", "On healthy nodes"]);
  for (const h of await split.getByRole("columnheader").all())
    if ((await h.textContent()) !== "Job") expect(await h.getAttribute("title")).toMatch(/\w+ \w+ \w+/);
  await expect(page.getByTestId("job-split-legend")).toContainText("the count the verdict gives");
  const inVerdict = /transform-v42 \((\d+) of/.exec((await page.getByTestId("verdict-text").textContent())!)?.[1];
  await expect(split.locator("[data-job-id=transform-v42]").getByTestId("job-split-elsewhere")).toHaveText(inVerdict!);
}

test.describe.serial("the pool page answers bad node or bad job", () => {
  test("the last 15 minutes: names the three bad nodes, or says it cannot tell yet, never 'job problem'", async ({ page }) => {
    await page.goto(poolUrl(POOL, "?window=15m"));
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-kind", NOT_PENDING);
    const kind = await verdict.getAttribute("data-kind");
    expect(["node", "both", "unsure"]).toContain(kind);
    console.log(`15-minute diagnosis: ${kind}: ${await page.getByTestId("verdict-text").textContent()}`);
    if (kind === "unsure") {
      await expect(page.getByTestId("verdict-headline")).toHaveText(/Too few failures to tell|No clear pattern/);
    } else {
      // Whatever it names is one of the three, and it tells the operator to take them out.
      const named = await namedNodes(page);
      expect(named.length).toBeGreaterThan(0);
      for (const id of named) expect(bad).toContain(id);
      await expect(page.getByTestId("verdict-text")).toContainText("out of service");
    }
    await expect(verdict).not.toContainText(/spread over/i);
    // One set of counts: the line under the verdict names nodes that ran tasks and nodes in the pool apart.
    await expect(page.getByTestId("heatmap-counts")).toContainText(/on \d+ of the \d+ nodes that ran tasks \(100 nodes in the pool now\)/);
  });

  test("the last six hours: the three bad nodes and a job failing everywhere, split by job beside the categories", async ({ page }) => {
    await page.goto(poolUrl(POOL, "?window=6h"));
    // The first read of six hours of tasks in this file: give it time.
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-kind", "both", { timeout: 45_000 });
    await expect(page.getByTestId("verdict-headline")).toHaveText("Node and job problems:");
    await expect.poll(() => namedNodes(page)).toEqual(bad);
    await expect(page.getByTestId("verdict-text")).toContainText("transform-v42");

    const split = page.getByTestId("job-split");
    const ingest = split.locator("[data-job-id=ingest-2026-11-27]");
    const transform = split.locator("[data-job-id=transform-v42]");
    await expect(ingest).toBeVisible();
    await expect(transform).toBeVisible();
    // ingest fails on the bad nodes (few failures anywhere else); transform fails on most nodes.
    const api = await heatmapApi("window=6h");
    const jobs = api.diagnosis!.jobs;
    const ingestJob = jobs.find((j) => j.jobId === "ingest-2026-11-27")!;
    const transformJob = jobs.find((j) => j.jobId === "transform-v42")!;
    expect(ingestJob.failuresElsewhere).toBeLessThan(ingestJob.failures / 2);
    expect(transformJob.nodesWithFailures).toBeGreaterThan(50);
    await expect(transform.getByTestId("job-split-nodes")).toHaveText(String(transformJob.nodesWithFailures));
    await expect(ingest.getByTestId("job-split-elsewhere")).toHaveText(String(ingestJob.failuresElsewhere));
    await expectSplitSaysWhatItCounts(page);

    // Node faults: exit 137 only on the OOM-killed node.
    const oomNode = (await poolNodeIds(env()))[INCIDENT_BAD_NODES[2]]!;
    await expect(page.getByTestId("node-faults").locator("[data-fault=exitCode]").filter({ hasText: "Exit code 137" })).toContainText(oomNode);

    // "Unhealthy nodes" counts the bad nodes, as the diagnosis does.
    await expect(page.getByTestId("pool-fact-unhealthy-nodes")).toContainText(String(api.diagnosis!.counts.unhealthyNodes));
    expect(api.diagnosis!.counts.unhealthyNodes).toBeGreaterThanOrEqual(3);
  });

  test("colours the heatmap by job and by exit code, and shows only the failing nodes on request", async ({ page }) => {
    await page.goto(poolUrl(POOL, "?window=6h"));
    await page.getByRole("button", { name: "Job", exact: true }).click();
    await expect(page).toHaveURL(/metric=job/);
    const byJob = page.getByTestId("legend-job");
    await expect(byJob).toContainText("Job with the most failures in the cell");
    await expect(byJob.getByTestId("legend-job-transform-v42")).toBeVisible();
    await expect(byJob.getByTestId("legend-job-ingest-2026-11-27")).toBeVisible();

    await page.getByRole("button", { name: "Exit code", exact: true }).click();
    await expect(page).toHaveURL(/metric=exitCode/);
    await expect(page.getByTestId("legend-exitCode").getByTestId("legend-exitCode-137")).toContainText("exit 137");

    const api = await heatmapApi("window=6h");
    await page.getByRole("button", { name: "Failing nodes only" }).click();
    await expect(page).toHaveURL(/failing=1/);
    await expect(page.getByRole("button", { name: "Failing nodes only" })).toHaveAttribute("aria-pressed", "true");
    const failing = api.rows.filter((r) => r.failures > 0).length;
    expect(failing).toBeLessThan(api.rows.length);
    await expect(page.getByTestId("heatmap-canvas")).toHaveAttribute("aria-label", new RegExp(`^Failure heatmap, ${failing} nodes by`));
    // Reloading keeps the filter: the URL is the view.
    await page.reload();
    await expect(page.getByTestId("heatmap-canvas")).toHaveAttribute("aria-label", new RegExp(`^Failure heatmap, ${failing} nodes by`));
  });
});

// Last in the file: the final test changes the pool (scheduling disabled on the bad nodes).
test.describe.serial("the pool page: all-clear, contrast, and nodes already handled", () => {
  test("gpu-burst, whose nodes failed their start task, is never a green all-clear", async ({ page }) => {
    await page.goto(poolUrl("gpu-burst"));
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-kind", NOT_PENDING);
    await expect(page.getByTestId("verdict-headline")).not.toHaveText("No failures:");
    await expect(verdict.getByTestId("node-faults").locator("[data-fault=startTask]")).toContainText("failed the start task");
    await expect(verdict).not.toHaveClass(/emerald/);
    await expect(page.getByTestId("pool-fact-unhealthy-nodes")).not.toContainText(/:\s*0$/);
  });

  test("passes axe with the colour-contrast rule on, light theme then dark", async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: "light" });
    const page = await context.newPage();
    try {
      await page.goto(poolUrl(POOL, "?window=6h&metric=job"));
      // A fresh context has no cached reads in the browser: allow the heatmap its first load.
      await expect(page.getByTestId("verdict")).toBeVisible({ timeout: 45_000 });
      await expect(page.getByTestId("job-split")).toBeVisible();
      await expect(page.getByTestId("node-table")).toBeVisible();
      // The theme is the system's, followed live (styles and the canvas's useTheme): one load serves both,
      // the second scan after two frames, once React has drawn the dark theme.
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const { violations } = await axe(page).withRules(["color-contrast"]).analyze();
        expect(violations.flatMap((v) => v.nodes.map((n) => `${colorScheme}: ${v.id}: ${n.target.join(" ")} ${n.failureSummary ?? ""}`))).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  test("once the bad nodes are out of service, names them as handled and no longer says take them out", async ({ page }) => {
    // The operator (or a colleague, outside the dashboard) disables scheduling on the three bad nodes.
    const client = env().client;
    for (const id of bad) await client.computeNode.disableScheduling(POOL, id);
    await expect
      .poll(async () => (await heatmapApi("window=6h")).diagnosis!.nodes.map((n) => n.handled), { timeout: 30_000 })
      .toEqual(["disabled", "disabled", "disabled"]);
    await page.goto(poolUrl(POOL, "?window=6h"));
    await expect.poll(() => namedNodes(page)).toEqual(bad);
    for (const id of bad) await expect(page.locator(`[data-testid=diagnosis-node][data-node-id="${id}"]`)).toHaveAttribute("data-handled", "disabled");
    await expect(page.getByTestId("verdict-text")).toContainText("already out of service");
    await expect(page.getByTestId("verdict-text")).not.toContainText(/Take (it|them) out of service/);
  });
});
