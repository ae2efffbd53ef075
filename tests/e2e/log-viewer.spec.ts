import { expect, test, type Page, type Response, sharedStack } from "../support/browser-test";
import { stripAnsi } from "@/lib/logs/ansi";
import { attachLogViewerFiles, demoFileUrls } from "../support/log-viewer-files";
import { axe } from "../support/axe";

/**
 * The log viewer on the demo scenario's large files, a 1 GiB ANSI stdout and a 150 MiB stderr (render-frames /
 * frame-encode-all), and small etl-nightly logs: opening at the end, line links, search in the loaded part (whole-file
 * search is log-viewer-search.spec.ts). Growing, hostile, binary,
 * startup and removed-node files are in log-viewer-file-kinds.spec.ts.
 */

const env = sharedStack({ scenario: "demo", seed: 1, account: "demo" });

test.beforeAll(() => attachLogViewerFiles(env()));

const { fileUrl, fileApi } = demoFileUrls(env);

/** Bytes the page read from file routes (the content reads, not the JSON lists). */
function recordFileReads(page: Page) {
  const reads: { url: string; bytes: number }[] = [];
  page.on("response", (res: Response) => {
    const u = res.url();
    if (!u.includes("/api/accounts/") || !/\/files\/.+/.test(u) || u.includes("properties=true")) return;
    void res.body().then(
      (b) => reads.push({ url: u, bytes: b.length }),
      () => undefined,
    );
  });
  return reads;
}

async function status(page: Page) {
  const s = page.getByTestId("log-status");
  return {
    lines: Number(await s.getAttribute("data-lines")),
    start: Number(await s.getAttribute("data-start")),
    end: Number(await s.getAttribute("data-end")),
  };
}

/** Text of the row at the top edge of the viewport, and the scroll offset. */
async function topRow(page: Page) {
  return page.getByTestId("log-lines").evaluate((el) => {
    const top = el.getBoundingClientRect().top;
    const rows = [...el.querySelectorAll<HTMLElement>("[data-index]")];
    const row = rows.find((r) => r.getBoundingClientRect().bottom > top + 1);
    return { text: row?.textContent ?? "", scrollTop: el.scrollTop };
  });
}

test("a 1 GiB ANSI log opens at its end with a small ranged read, in colour, and loads earlier chunks in place", async ({ page }) => {
  const reads = recordFileReads(page);
  const tail = new TextDecoder().decode(await (await fetch(`${fileApi("render-frames", "frame-encode-all", "stdout.txt")}?length=4096`)).arrayBuffer());
  const lastLine = stripAnsi(tail.replace(/\n$/, "").split("\n").pop()!.replace(/\r$/, ""));
  expect(lastLine.length).toBeGreaterThan(10);

  const t0 = Date.now();
  await page.goto(fileUrl("render-frames", "frame-encode-all", "stdout.txt"));
  const lines = page.getByTestId("log-lines");
  await expect(lines).toContainText(lastLine);
  const elapsed = Date.now() - t0;
  expect(elapsed, "the last line is on screen within a few seconds").toBeLessThan(10_000);
  await expect(page.getByTestId("file-size")).toHaveText("1.0 GiB");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Task frame-encode-all" })).toHaveAttribute(
    "href",
    "/demo/jobs/render-frames/tasks/frame-encode-all",
  );
  // Only a small range was read, never the file.
  await expect.poll(() => reads.length).toBeGreaterThan(0);
  expect(reads.reduce((n, r) => n + r.bytes, 0)).toBeLessThanOrEqual(2 * 1024 * 1024);
  expect(reads.some((r) => r.url.includes("download"))).toBe(false);

  // ANSI: level words are coloured spans, and no escape byte reaches the page.
  const coloured = lines.locator("span[style*='color']").filter({ hasText: /^(ERROR|WARN|INFO)\s*$/ });
  await expect(coloured.first()).toBeVisible();
  expect(await lines.evaluate((el) => el.textContent?.includes("\x1b") ?? false)).toBe(false);
  const scan = await axe(page).include("[data-testid=log-lines]").withRules(["color-contrast"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.length} nodes`)).toEqual([]);
  await page.screenshot({ path: "test-results/log-viewer-ansi.png" });

  // Scroll up: an earlier chunk arrives above, and the line that was at the top stays at the top.
  const before = await status(page);
  await lines.evaluate((el) => {
    el.scrollTop = 0;
  });
  await page.waitForTimeout(50);
  const anchor = await topRow(page);
  await expect.poll(async () => (await status(page)).start).toBeLessThan(before.start);
  const after = await status(page);
  expect(after.lines).toBeGreaterThan(before.lines);
  const now = await topRow(page);
  expect(now.scrollTop).toBeGreaterThan(0);
  expect(now.text).toBe(anchor.text);
  // Still ranged: no read above 8 MiB, the window stays bounded.
  expect(Math.max(...reads.map((r) => r.bytes))).toBeLessThanOrEqual(256 * 1024);
  expect(after.end - after.start).toBeLessThanOrEqual(4 * 1024 * 1024);
});

test("a line link into the 150 MiB stderr opens at those lines, highlighted", async ({ page }) => {
  const reads = recordFileReads(page);
  await page.goto(fileUrl("render-frames", "frame-encode-all", "stderr.txt") + "#L120-L125");
  const selected = page.getByTestId("log-lines").locator("[data-selected]");
  await expect(selected).toHaveCount(6);
  await expect(selected.first()).toHaveAttribute("data-line", "120");
  await expect(selected.first()).toBeInViewport();
  expect(reads.reduce((n, r) => n + r.bytes, 0)).toBeLessThanOrEqual(2 * 1024 * 1024);
});

test("a line link deep in the 150 MiB stderr opens at that line, found by the server's line index", async ({ page }) => {
  test.setTimeout(120_000);
  // Line 1,000,000 starts 122 MiB in: far beyond what the viewer reads forward, so only the index knows it.
  // Generated logs hold 32 lines per 4 KiB block, so line 32k+1 starts at byte 4096k: a check of our own.
  await page.goto(fileUrl("render-frames", "frame-encode-all", "stderr.txt") + "#L1000001-L1000003");
  const selected = page.getByTestId("log-lines").locator("[data-selected]");
  await expect(selected).toHaveCount(3, { timeout: 90_000 });
  await expect(selected.first()).toHaveAttribute("data-line", "1000001");
  await expect(selected.first()).toBeInViewport();
  const res = await page.request.get(`${env().dashboard.url}/api/accounts/demo/jobs/render-frames/tasks/frame-encode-all/files/stderr.txt?line=1000001`);
  expect(await res.json()).toMatchObject({ line: 1000001, offset: (1_000_000 / 32) * 4096 });
});

test("a small file: #L5-L7 highlighted after reload; clicking and shift-clicking numbers updates the URL", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(fileUrl("etl-nightly", "shard-0020", "wd/small.log") + "#L5-L7");
  const lines = page.getByTestId("log-lines");
  await expect(lines.locator("[data-selected]")).toHaveCount(3);
  await page.reload();
  await expect(lines.locator("[data-selected]")).toHaveCount(3);
  await expect(lines.locator("[data-selected]").first()).toHaveAttribute("data-line", "5");
  await page.getByRole("button", { name: "Line 9", exact: true }).click();
  await expect(page).toHaveURL(/#L9$/);
  await page.getByRole("button", { name: "Line 11", exact: true }).click({ modifiers: ["Shift"] });
  await expect(page).toHaveURL(/#L9-L11$/);
  await expect(lines.locator("[data-selected]")).toHaveCount(3);
  // Copy takes the selected lines, as plain text, under the file's name and the link to exactly those lines.
  await page.getByTestId("copy-lines").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const [head, ...body] = copied.split("\n");
  expect(head).toBe(`wd/small.log, lines 9–11: ${fileUrl("etl-nightly", "shard-0020", "wd/small.log")}#L9-L11`);
  expect(body).toHaveLength(3);
  expect(body.join("\n")).toBe(
    await lines
      .locator("[data-selected] .log-text")
      .allTextContents()
      .then((t) => t.join("\n")),
  );
  // The task ended long ago: its file does not grow, so nothing offers to follow it.
  await expect(page.getByRole("button", { name: /Following|Resume follow/ })).toHaveCount(0);
  const scan = await axe(page).analyze();
  expect(
    scan.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
  // Wrap keeps every line on screen.
  await page.getByRole("button", { name: "Wrap" }).click();
  await expect(page.getByRole("button", { name: "Wrap" })).toHaveAttribute("aria-pressed", "true");
  await expect(lines.locator("[data-line='9']")).toBeVisible();
  // The tree lists the task's files with stderr and stdout first.
  const tree = page.getByTestId("file-tree").getByRole("link");
  await expect(tree.first()).toContainText("stderr.txt");
  await expect(tree.nth(1)).toContainText("stdout.txt");
  await expect(page.getByTestId("file-tree").getByRole("link", { name: /wd\/small\.log/ })).toHaveAttribute("aria-current", "page");
});

test("search in the loaded part: count, next and previous, case and regex, a bad regex says so", async ({ page }) => {
  await page.goto(fileUrl("render-frames", "frame-encode-all", "stderr.txt"));
  const lines = page.getByTestId("log-lines");
  await expect(lines.locator("[data-index]").first()).toBeVisible();
  const box = page.getByRole("searchbox", { name: "Search the loaded part of the file" });
  await page.getByLabel("Match case").check();
  await box.fill("ERROR");
  const count = page.getByTestId("search-count");
  await expect(count).toHaveText(/^1 of \d+ in the loaded part$/);
  const total = Number((await count.textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThan(1);
  // The current match is known by the byte offset of its line (ordinals shift as earlier chunks load above).
  const currentAt = async () => Number(await lines.locator("[data-offset]:has(mark[data-current])").getAttribute("data-offset"));
  await page.getByRole("button", { name: "Next" }).click();
  await expect(lines.locator("mark[data-current]")).toBeInViewport();
  const second = await currentAt();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(lines.locator("mark[data-current]")).toBeInViewport();
  const first = await currentAt();
  expect(first).toBeLessThan(second);
  await page.getByRole("button", { name: "Next" }).click();
  await expect.poll(currentAt).toBe(second);
  await expect(count).toHaveText(/^\d+ of \d+ in the loaded part$/);
  // Other lines stay visible: highlighting, not filtering.
  expect(await lines.locator("[data-index]").count()).toBeGreaterThan(await lines.locator("[data-index]:has(mark)").count());
  // Case: "error" in lower case matches a different set from "ERROR".
  await page.getByLabel("Match case").uncheck();
  await expect(count).toHaveText(/of \d+ in the loaded part/);
  await page.getByLabel("Regex").check();
  await box.fill("(unclosed");
  await expect(count.getByRole("alert")).toContainText("Not a valid regular expression");
  await expect(lines.locator("[data-index]").first()).toBeVisible();
  await box.fill("ERR(OR)?");
  await expect(count).toHaveText(/of \d+ in the loaded part/);
});

test("a regular expression that backtracks is stopped, not left to freeze the tab; lookaround is refused as the server refuses it", async ({ page }) => {
  await page.goto(fileUrl("render-frames", "frame-encode-all", "stderr.txt"));
  const lines = page.getByTestId("log-lines");
  await expect(lines.locator("[data-index]").first()).toBeVisible();
  const box = page.getByRole("searchbox", { name: "Search the loaded part of the file" });
  const count = page.getByTestId("search-count");
  await page.getByLabel("Regex").check();
  await box.fill("(\\S|\\S)+\\x00");
  await expect(count.getByRole("alert")).toContainText("took too long on the loaded lines and was stopped", { timeout: 10_000 });
  // The page answered all along: the search box still takes input at once.
  const started = Date.now();
  await box.fill("ERROR");
  await expect(count).toHaveText(/of \d+ in the loaded part/);
  expect(Date.now() - started).toBeLessThan(5_000);
  await box.fill("(?=a)b");
  await expect(count.getByRole("alert")).toContainText("lookahead and lookbehind");
});

test("a line link into a short stderr opens with its first line reachable: #L2-L3 highlighted, line 1 (Traceback) above", async ({ page }) => {
  const res = await fetch(`${env().dashboard.url}/api/accounts/demo/jobs/render-frames/tasks?state=completed&exitCode=1`);
  const id = ((await res.json()) as { tasks: { id: string }[] }).tasks[0]?.id;
  expect(id, "the demo has a render frame that exited 1 with a Python traceback").toBeTruthy();
  // The page's timers on Playwright's clock, so its size checks are made due, not waited for.
  await page.clock.install();
  await page.goto(fileUrl("render-frames", id!, "stderr.txt") + "#L2-L3");
  const lines = page.getByTestId("log-lines");
  const selected = lines.locator("[data-selected]");
  await expect(selected).toHaveCount(2);
  await expect(selected.first()).toHaveAttribute("data-line", "2");
  await expect(selected.first()).toBeInViewport();
  // The file is short: all of it is loaded, from its first byte.
  await expect.poll(async () => (await status(page)).start).toBe(0);
  await lines.hover();
  await page.mouse.wheel(0, -2000);
  const first = lines.locator("[data-line='1']");
  await expect(first).toContainText("Traceback (most recent call last):");
  await expect(first).toBeInViewport();
  await expect(selected).toHaveCount(2);
  // The task ended and its file does not grow: after two size checks, still nothing offers to follow it.
  for (let check = 0; check < 2; check++) {
    const checked = page.waitForResponse((r) => r.url().includes(`/tasks/${id}/files/stderr.txt?properties=true`) && r.ok());
    await page.clock.fastForward(5_000);
    await checked;
  }
  await page.waitForTimeout(300);
  await expect(page.getByRole("button", { name: /Following|Resume follow/ })).toHaveCount(0);
});
