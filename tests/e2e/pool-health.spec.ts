import type { BatchServiceModels } from "@azure/batch";
import { expect, test, sharedStack } from "../support/browser-test";
import { paths } from "@/lib/links/paths";
import { all } from "../support/sdk-paging";
import { axe } from "../support/axe";

const WATCHED = ["starttaskfailed", "unusable", "unknown", "preempted"];

const env = sharedStack({ scenario: "incident", seed: 1, account: "incident" });
let pool: BatchServiceModels.CloudPool;
let nodes: BatchServiceModels.ComputeNode[];

test.beforeAll(async () => {
  // The truth, read through the SDK: the pool that failed to grow and its nodes.
  const client = env().client;
  const pools = await client.pool.list();
  const unhealthy = pools.find((p) => (p.resizeErrors?.length ?? 0) > 0);
  expect(unhealthy?.id).toBeTruthy();
  pool = await client.pool.get(unhealthy!.id!);
  nodes = await all(client.computeNode.list(pool.id!), (link) => client.computeNode.listNext(link));
});

const ids = (list: BatchServiceModels.ComputeNode[]) => list.map((n) => n.id!).sort();

test.describe("pool health on the pool page", () => {
  test("shows resize errors, bad nodes, start-task failures and node errors as the SDK reads them, above the heatmap", async ({ page }) => {
    const account = "incident";
    await page.goto(`${env().dashboard.url}${paths.pool(account, pool.id!)}`);
    const panel = page.getByRole("region", { name: "Pool health" });
    await expect(panel).toBeVisible();
    // Above the heatmap: the panel comes first among the page's sections.
    const headings = await page.locator("section h2").allInnerTexts();
    expect(headings.indexOf("Pool health")).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf("Pool health")).toBeLessThan(headings.indexOf("Failure heatmap"));

    const allocation = panel.getByTestId("health-allocation");
    await expect(allocation).toContainText(`dedicated ${pool.currentDedicatedNodes} of ${pool.targetDedicatedNodes}`);
    await expect(allocation).toContainText(`spot ${pool.currentLowPriorityNodes} of ${pool.targetLowPriorityNodes}`);

    const resize = panel.getByTestId("health-resize-error");
    await expect(resize).toHaveCount(pool.resizeErrors!.length);
    for (const [i, e] of pool.resizeErrors!.entries()) {
      const group = resize.nth(i);
      await expect(group).toHaveAttribute("data-code", e.code!);
      await expect(group).toContainText(e.message!);
      for (const v of e.values ?? []) await expect(group).toContainText(`${v.name}:${v.value}`);
      await expect(group).toContainText("What usually fixes it:");
    }

    const states = WATCHED.filter((s) => nodes.some((n) => n.state === s));
    await expect(panel.getByTestId("health-node-state")).toHaveCount(states.length);
    for (const state of states) {
      const group = panel.locator(`[data-testid=health-node-state][data-code=${state}]`);
      const expected = ids(nodes.filter((n) => n.state === state));
      await expect(group.getByTestId("group-count")).toHaveText(String(expected.length));
      const links = group.getByRole("list", { name: `Nodes in ${state}` }).getByRole("link");
      await expect(links).toHaveText(expected);
      for (const [i, id] of expected.entries()) await expect(links.nth(i)).toHaveAttribute("href", paths.node(account, pool.id!, id));
    }

    const failedStarts = nodes.filter((n) => n.startTaskInfo?.result === "failure");
    const startGroups = new Map<string, BatchServiceModels.ComputeNode[]>();
    for (const n of failedStarts) {
      const key = `${n.startTaskInfo?.exitCode ?? ""}|${n.startTaskInfo?.failureInfo?.code ?? ""}`;
      startGroups.set(key, [...(startGroups.get(key) ?? []), n]);
    }
    expect(startGroups.size).toBeGreaterThan(1);
    await expect(panel.getByTestId("health-start-task")).toHaveCount(startGroups.size);
    for (const [key, members] of startGroups) {
      const group = panel.locator(`[data-testid=health-start-task][data-code="${key}"]`);
      await expect(group.getByTestId("group-count")).toHaveText(String(members.length));
      for (const id of ids(members)) {
        await expect(group.getByRole("link", { name: id, exact: true })).toHaveAttribute("href", paths.node(account, pool.id!, id));
        await expect(group.getByRole("link", { name: `startup/stderr.txt of ${id}` })).toHaveAttribute(
          "href",
          paths.nodeFile(account, pool.id!, id, "startup/stderr.txt"),
        );
      }
    }

    const errorCodes = [...new Set(nodes.flatMap((n) => (n.errors ?? []).map((e) => e.code!)))];
    await expect(panel.getByTestId("health-node-error")).toHaveCount(errorCodes.length);
    for (const code of errorCodes) {
      const members = nodes.filter((n) => n.errors?.some((e) => e.code === code));
      const group = panel.locator(`[data-testid=health-node-error][data-code=${code}]`);
      await expect(group.getByTestId("group-count")).toHaveText(String(members.length));
      await expect(group.getByRole("link")).toHaveText(ids(members));
      for (const m of new Set(members.flatMap((n) => n.errors!.filter((e) => e.code === code).map((e) => e.message!)))) await expect(group).toContainText(m);
      const madeUp = members.some((n) => n.errors!.some((e) => e.code === code && e.errorDetails?.some((d) => d.value === "emulator-defined")));
      await expect(group.getByText("emulator-defined code")).toHaveCount(madeUp ? 1 : 0);
    }
  });
});

test.describe("pool health on the pool page: links, accessibility and a healthy pool", () => {
  test("a start-task failure's stderr link opens that node's startup/stderr.txt", async ({ page }) => {
    const failed = nodes.find((n) => n.startTaskInfo?.result === "failure" && n.startTaskInfo.exitCode !== undefined)!;
    await page.goto(`${env().dashboard.url}${paths.pool("incident", pool.id!)}`);
    await page.getByRole("link", { name: `startup/stderr.txt of ${failed.id}` }).click();
    await expect(page).toHaveURL(new RegExp(`/nodes/${failed.id}/files/startup/stderr\\.txt$`));
    await expect(page.getByRole("heading", { level: 1, name: "startup/stderr.txt" })).toBeVisible();
    const res = await env().client.file.getFromComputeNode(pool.id!, failed.id!, "startup/stderr.txt");
    const chunks: Buffer[] = [];
    for await (const c of res.readableStreamBody ?? []) chunks.push(Buffer.from(c as Buffer));
    const firstLine = Buffer.concat(chunks).toString().split("\n")[0]!;
    expect(firstLine.length).toBeGreaterThan(0);
    await expect(page.getByTestId("log-lines")).toContainText(firstLine);
  });

  test("the panel has no serious or critical accessibility violation", async ({ page }) => {
    await page.goto(`${env().dashboard.url}${paths.pool("incident", pool.id!)}`);
    await expect(page.getByRole("region", { name: "Pool health" })).toBeVisible();
    const { violations } = await axe(page).include("#pool-health-heading").include("section[aria-labelledby=pool-health-heading]").analyze();
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join("; ")})`,
      ),
    ).toEqual([]);
  });

  test("a pool with nothing wrong at pool level shows no health panel", async ({ page }) => {
    const healthy = (await env().client.pool.list()).find((p) => (p.resizeErrors?.length ?? 0) === 0)!;
    const its = await all(env().client.computeNode.list(healthy.id!), (link) => env().client.computeNode.listNext(link));
    expect(its.some((n) => WATCHED.includes(n.state!) || n.startTaskInfo?.result === "failure" || (n.errors?.length ?? 0) > 0)).toBe(false);
    await page.goto(`${env().dashboard.url}${paths.pool("incident", healthy.id!)}`);
    await expect(page.getByRole("region", { name: "Failure heatmap" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Pool health" })).toHaveCount(0);
  });
});
