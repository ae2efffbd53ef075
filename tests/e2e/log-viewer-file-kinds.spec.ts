import { expect, test, type Page } from "../support/browser-test";
import { attachLogViewerFiles, demoFileUrls } from "../support/log-viewer-files";
import { stackPerFile } from "../support/stack";

/**
 * The log viewer on kinds of file: a growing stdout (ml-training / train-epochs), a stderr holding markup, a binary
 * blob, a node's startup log and a file whose node was removed. The large files, line links and search are in
 * log-viewer.spec.ts; this file starts its own servers on the same demo scenario.
 */

const env = stackPerFile(test, { scenario: "demo", seed: 1, account: "demo" });

test.beforeAll(() => attachLogViewerFiles(env()));

const { fileUrl, fileApi } = demoFileUrls(env);

async function status(page: Page) {
  const s = page.getByTestId("log-status");
  return {
    lines: Number(await s.getAttribute("data-lines")),
    start: Number(await s.getAttribute("data-start")),
    end: Number(await s.getAttribute("data-end")),
  };
}

test("follow a growing file: new lines arrive, scrolling up pauses, Resume follow resumes", async ({ page }) => {
  await page.goto(fileUrl("ml-training", "train-epochs", "stdout.txt"));
  await expect(page.getByRole("button", { name: "Following · Pause" })).toBeVisible();
  const first = await status(page);
  await expect.poll(async () => (await status(page)).end, { timeout: 20_000 }).toBeGreaterThan(first.end);
  const lines = page.getByTestId("log-lines");
  await lines.hover();
  await page.mouse.wheel(0, -2000);
  await expect(page.getByRole("button", { name: "Resume follow" })).toBeVisible();
  const paused = await status(page);
  await page.waitForTimeout(4_500);
  expect((await status(page)).end, "no reads while paused").toBe(paused.end);
  await page.getByRole("button", { name: "Resume follow" }).click();
  await expect(page.getByRole("button", { name: "Following · Pause" })).toBeVisible();
  await expect.poll(async () => (await status(page)).end, { timeout: 20_000 }).toBeGreaterThan(paused.end);
  const atBottom = await lines.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 30);
  expect(atBottom).toBe(true);
});

test("a stderr holding <script> shows it as text and runs nothing", async ({ page }) => {
  await env().client.task.add("render-frames", {
    id: "xss-viewer",
    commandLine: `/bin/sh -c "echo '<script>alert(1)</script>' >&2; exit 1"`,
    constraints: { maxTaskRetryCount: 0 },
  });
  for (let i = 0; i < 120; i++) {
    if ((await env().client.task.get("render-frames", "xss-viewer")).state === "completed") break;
    env().emu.advance(5_000);
  }
  expect((await env().client.task.get("render-frames", "xss-viewer")).state).toBe("completed");
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(fileUrl("render-frames", "xss-viewer", "stderr.txt"));
  const lines = page.getByTestId("log-lines");
  await expect(lines).toContainText("<script>alert(1)</script>");
  await expect(lines.locator("script")).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});

test("a binary file is offered as a download, not dumped as text", async ({ page }) => {
  await page.goto(fileUrl("etl-nightly", "shard-0020", "wd/blob.bin"));
  const panel = page.getByTestId("binary-file");
  await expect(panel).toContainText("looks like a binary file");
  await expect(panel.getByRole("link", { name: "Download wd/blob.bin" })).toHaveAttribute(
    "href",
    "/api/accounts/demo/jobs/etl-nightly/tasks/shard-0020/files/wd/blob.bin?download=1",
  );
  await expect(page.getByTestId("log-lines")).toHaveCount(0);
});

test("a node's startup log: breadcrumbs account › pool › node › file, startup logs first in the tree", async ({ page }) => {
  const nodes = [...(await env().client.computeNode.list("render-linux"))];
  const node = nodes.find((n) => n.state === "idle" || n.state === "running");
  expect(node?.id).toBeTruthy();
  await page.goto(`${env().dashboard.url}/demo/pools/render-linux/nodes/${node!.id}/files/startup/stdout.txt`);
  await expect(page.getByRole("heading", { level: 1, name: "startup/stdout.txt" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: `Node ${node!.id}` })).toHaveAttribute(
    "href",
    `/demo/pools/render-linux/nodes/${node!.id}`,
  );
  await expect(page.getByTestId("log-lines").locator("[data-index]").first()).toBeVisible();
  const tree = page.getByTestId("file-tree").getByRole("link");
  await expect(tree.first()).toContainText("startup/stderr.txt");
  await expect(tree.nth(1)).toContainText("startup/stdout.txt");
  await tree.first().click();
  await expect(page).toHaveURL(new RegExp(`/nodes/${node!.id}/files/startup/stderr\\.txt$`));
  await expect(page.getByRole("heading", { level: 1, name: "startup/stderr.txt" })).toBeVisible();
});

test("a file whose node was removed gets a plain explanation with Batch's code and the way to the task", async ({ page }) => {
  const task = await env().client.task.get("etl-nightly", "shard-0004");
  const nodeId = task.nodeInfo?.nodeId;
  expect(nodeId).toBeTruthy();
  await env().client.pool.removeNodes("etl-pool", { nodeList: [nodeId!], nodeDeallocationOption: "requeue" });
  await expect
    .poll(
      async () => {
        env().emu.advance(10_000);
        return (await fetch(`${fileApi("etl-nightly", "shard-0004", "stdout.txt")}?properties=true`)).status;
      },
      { timeout: 30_000 },
    )
    .not.toBe(200);
  await page.goto(fileUrl("etl-nightly", "shard-0004", "stdout.txt"));
  const gone = page.getByTestId("file-gone");
  await expect(gone).toContainText("cannot be read");
  await expect(page.getByTestId("file-gone-code")).toContainText(/TaskFilesUnavailable|NodeNotFound|FileNotFound/);
  await expect(gone.getByRole("link", { name: "Go to task shard-0004" })).toHaveAttribute("href", "/demo/jobs/etl-nightly/tasks/shard-0004");
});
