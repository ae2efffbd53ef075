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

test("paused follow at 1280 px, light then dark: the toolbar's actions stay on one line", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(fileUrl("ml-training", "train-epochs", "stdout.txt"));
  await expect(page.getByRole("button", { name: "Following · Pause" })).toBeVisible();
  await page.getByTestId("log-lines").hover();
  await page.mouse.wheel(0, -2000);
  await expect(page.getByRole("button", { name: "Resume follow" })).toBeVisible();
  // The theme is the system's, followed live: one load serves both.
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const actions = [
      page.getByRole("button", { name: "Resume follow" }),
      page.getByRole("button", { name: "Wrap" }),
      page.getByTestId("copy-lines"),
      page.getByRole("link", { name: "Download" }),
    ];
    const tops = await Promise.all(actions.map(async (a) => Math.round((await a.boundingBox())!.y)));
    expect(new Set(tops).size, `${colorScheme}: tops ${tops.join(", ")}`).toBe(1);
    // And on the file's name line: nothing of the toolbar wrapped below it.
    const nameBox = (await page.getByRole("heading", { level: 1, name: "stdout.txt" }).boundingBox())!;
    const downloadBox = (await page.getByRole("link", { name: "Download" }).boundingBox())!;
    expect(Math.abs(nameBox.y + nameBox.height / 2 - (downloadBox.y + downloadBox.height / 2)), colorScheme).toBeLessThan(8);
  }
});

test("follow a growing file: new lines arrive, scrolling up pauses, Resume follow resumes", async ({ page }) => {
  // The page's timers on Playwright's clock and the file's growth on the emulator's: a follow read (every
  // 2 s) is made due with the file grown, not waited for.
  await page.clock.install();
  const tick = async () => {
    env().emu.advance(3_000);
    await page.clock.fastForward(2_000);
  };
  const endAfterTicks = async () => {
    await tick();
    return (await status(page)).end;
  };
  await page.goto(fileUrl("ml-training", "train-epochs", "stdout.txt"));
  await expect(page.getByRole("button", { name: "Following · Pause" })).toBeVisible();
  const first = await status(page);
  const modified = page.getByTestId("file-modified");
  const modifiedAtOpen = (await modified.textContent())!;
  expect(modifiedAtOpen).toMatch(/^modified \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect.poll(endAfterTicks, { timeout: 20_000 }).toBeGreaterThan(first.end);
  // The file's modified time moves as it grows, from the same checks that read its new size.
  await expect
    .poll(
      async () => {
        await tick();
        return modified.textContent();
      },
      { timeout: 10_000 },
    )
    .not.toBe(modifiedAtOpen);
  const lines = page.getByTestId("log-lines");
  await lines.hover();
  await page.mouse.wheel(0, -2000);
  await expect(page.getByRole("button", { name: "Resume follow" })).toBeVisible();
  const paused = await status(page);
  // Three follow periods pass while the file grows, and a second for any read they would have started.
  for (let i = 0; i < 3; i++) await tick();
  await page.waitForTimeout(1_000);
  expect((await status(page)).end, "no reads while paused").toBe(paused.end);
  await page.getByRole("button", { name: "Resume follow" }).click();
  await expect(page.getByRole("button", { name: "Following · Pause" })).toBeVisible();
  await expect.poll(endAfterTicks, { timeout: 20_000 }).toBeGreaterThan(paused.end);
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

test("the task page's log tails are in colour, hold no escape character, and open at their newest line", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/demo/jobs/render-frames/tasks/frame-encode-all`);
  const tail = page.getByTestId("tail-stdout.txt").locator("pre");
  // The 1 GiB stdout is ANSI: level words arrive as coloured spans, drawn by the viewer's code.
  await expect(
    tail
      .locator("span[style*='color']")
      .filter({ hasText: /^(ERROR|WARN|INFO)\s*$/ })
      .first(),
  ).toBeAttached();
  const text = (await tail.textContent()) ?? "";
  expect(text.length).toBeGreaterThan(100);
  expect(text.includes("\x1b") || text.includes("\u241b"), "no escape byte and no visible ␛ symbol").toBe(false);
  for (const name of ["stdout.txt", "stderr.txt"]) {
    const box = page.getByTestId(`tail-${name}`).locator("pre");
    const atEnd = () => box.evaluate((el) => el.scrollHeight > el.clientHeight && el.scrollHeight - el.scrollTop - el.clientHeight < 2);
    await expect.poll(atEnd, { message: `${name}'s tail overflows its box and shows its last line` }).toBe(true);
  }
});

test("Go to line: an unnumbered line says why it has no link, a bad number is refused, a good one opens the line selected", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(fileUrl("render-frames", "frame-encode-all", "stderr.txt"));
  const lines = page.getByTestId("log-lines");
  // Opened at its end, the 150 MiB file's lines are not numbered yet; a click on "…" explains.
  await lines
    .getByRole("button", { name: /number not known yet/ })
    .first()
    .click();
  await expect(page.getByTestId("unnumbered-note")).toContainText("has no number yet");
  const input = page.getByLabel("Go to line");
  await input.fill("12x");
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page.getByTestId("go-to-line").getByRole("alert")).toContainText("whole number");
  await expect(page).not.toHaveURL(/#L/);

  await input.fill("1,200");
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(/#L1200$/);
  const selected = lines.locator("[data-selected]");
  await expect(selected).toHaveCount(1, { timeout: 90_000 });
  await expect(selected).toHaveAttribute("data-line", "1200");
  await expect(selected).toBeInViewport();
  await expect(page.getByTestId("unnumbered-note")).toHaveCount(0);

  // A line already loaded is scrolled to, without a new open.
  await lines.evaluate((el) => (el.scrollTop = 0));
  await input.fill("1260");
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(/#L1260$/);
  await expect(selected).toHaveAttribute("data-line", "1260");
  await expect(selected).toBeInViewport();
});
