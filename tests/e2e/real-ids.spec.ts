import { expect, test, sharedStack } from "../support/browser-test";
import { all } from "../support/sdk-paging";

/**
 * Node ids as the real service makes them on virtual-machine pools, tvmps_<64 hex>_d (72 characters), through
 * the whole path an operator takes: the pool heatmap's row, the node page, and the node's files.
 */
const REAL_ID = /^tvmps_[0-9a-f]{64}_[dp]$/;

test.describe("real-form node ids on the incident scenario", () => {
  const env = sharedStack({ scenario: "incident", seed: 1, account: "incident" });

  test("a bad node of prod-ingest: its heatmap row links to its page, which lists its files, which open", async ({ page }) => {
    // The truth from the SDK: the prod-ingest node that failed the most tasks of the last six hours.
    const since = Date.now() - 6 * 3_600_000;
    const failures = new Map<string, number>();
    const client = env().client;
    const tasks = await all(
      client.task.list("ingest-2026-11-27", { taskListOptions: { filter: "state eq 'completed'", select: "executionInfo,nodeInfo" } }),
      (link) => client.task.listNext(link),
    );
    for (const t of tasks) {
      const id = t.nodeInfo?.nodeId;
      if (id && t.executionInfo?.result === "failure" && (t.executionInfo.endTime?.getTime() ?? 0) >= since) failures.set(id, (failures.get(id) ?? 0) + 1);
    }
    const [nodeId] = [...failures].sort((a, b) => b[1] - a[1])[0]!;
    expect(nodeId).toMatch(REAL_ID);
    expect(nodeId).toHaveLength(72);

    await page.goto(`${env().dashboard.url}/incident/pools/prod-ingest?window=6h`);
    const row = page.locator(`[data-testid=heatmap-row][data-node-id="${nodeId}"]`);
    await expect(row).toBeVisible();
    await row.getByRole("link", { name: nodeId }).click();

    await expect(page).toHaveURL(new RegExp(`/incident/pools/prod-ingest/nodes/${nodeId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(nodeId);

    // The action dialog holds a 72-character id: the title wraps it whole, the button shortens it, and
    // Cancel stays inside the dialog (nothing is sent: the dialog is closed with Cancel).
    await page.getByRole("button", { name: "Disable scheduling" }).first().click();
    const dialog = page.getByTestId("action-dialog");
    await expect(dialog.getByRole("heading", { name: `Disable scheduling: node ${nodeId}` })).toBeVisible();
    await expect(dialog.getByTestId("action-submit")).toHaveText(`Disable scheduling node ${nodeId.slice(0, 15)}…${nodeId.slice(-8)}`);
    const box = (await dialog.boundingBox())!;
    for (const control of [dialog.getByRole("button", { name: "Cancel" }), dialog.getByTestId("action-submit")]) {
      const b = (await control.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(box.x);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    }
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    const files = page.getByTestId("node-file-list");
    const first = files.getByRole("link").first();
    await expect(first).toBeVisible();
    const name = (await first.textContent())!;
    await first.click();
    await expect(page).toHaveURL(new RegExp(`/nodes/${nodeId}/files/${name.replace(/[.]/g, "\\.")}$`));
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: `Node ${nodeId}` })).toHaveAttribute(
      "href",
      `/incident/pools/prod-ingest/nodes/${nodeId}`,
    );
  });

  test("a gpu-burst node whose start task failed: its page and its startup/stderr.txt", async ({ page }) => {
    const nodes = await env().client.computeNode.list("gpu-burst");
    const failed = nodes.find((n) => n.startTaskInfo?.result === "failure");
    expect(failed?.id).toMatch(REAL_ID);
    const nodeId = failed!.id!;

    await page.goto(`${env().dashboard.url}/incident/pools/gpu-burst/nodes/${nodeId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(nodeId);
    await page.getByRole("link", { name: "Open full startup/stderr.txt" }).click();
    await expect(page).toHaveURL(new RegExp(`/incident/pools/gpu-burst/nodes/${nodeId}/files/startup/stderr\\.txt$`));
    await expect(page.getByRole("heading", { level: 1, name: "startup/stderr.txt" })).toBeVisible();

    // What the page shows is the file Batch holds, read through the SDK.
    const res = await env().client.file.getFromComputeNode("gpu-burst", nodeId, "startup/stderr.txt");
    const chunks: Buffer[] = [];
    for await (const c of res.readableStreamBody ?? []) chunks.push(Buffer.from(c as Buffer));
    const lastLine = Buffer.concat(chunks).toString("utf8").trimEnd().split("\n").at(-1)!;
    expect(lastLine.length).toBeGreaterThan(0);
    await expect(page.getByTestId("log-lines")).toContainText(lastLine);
  });
});
