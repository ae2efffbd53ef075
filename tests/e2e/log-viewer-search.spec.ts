import { expect, test, sharedStack } from "../support/browser-test";
import { attachLogViewerFiles, demoFileUrls } from "../support/log-viewer-files";

/**
 * Whole-file search on the server, from the log viewer, on the demo scenario's 150 MiB stderr and 1 GiB ANSI
 * stdout (render-frames / frame-encode-all): progress, results as line links, a search opened at a line, and
 * results of a coloured log. Apart from log-viewer.spec.ts (its length), on the
 * same shared stack: both only read the scenario.
 */

const env = sharedStack({ scenario: "demo", seed: 1, account: "demo" });

test.beforeAll(() => attachLogViewerFiles(env()));

const { fileUrl } = demoFileUrls(env);

test("search the whole 150 MiB file on the server: progress, the match as a line link, and the file opens there", async ({ page }) => {
  test.setTimeout(150_000);
  // The text of line 1,000,001 (it starts at byte 4096 × 1,000,000 / 32), read straight from Batch.
  const res = await env().client.file.getFromTask("render-frames", "frame-encode-all", "stderr.txt", {
    fileGetFromTaskOptions: { ocpRange: "bytes=128000000-128004095" },
  });
  const chunks: Buffer[] = [];
  for await (const c of res.readableStreamBody ?? []) chunks.push(Buffer.from(c as Buffer));
  const target = Buffer.concat(chunks).toString("utf8").split("\n")[0]!.slice(0, 60);

  await page.goto(fileUrl("render-frames", "frame-encode-all", "stderr.txt"));
  await page.getByRole("searchbox", { name: "Search the loaded part of the file" }).fill(target);
  await page.getByLabel("Match case").check();
  await page.getByTestId("search-whole-file").click();
  await expect(page.getByTestId("whole-file-status")).toContainText(/Searching… .* of 150 MiB/);
  await expect(page.getByTestId("whole-file-status")).toContainText("matching lines in the whole file", { timeout: 120_000 });
  const result = page.getByTestId("whole-file-results").getByRole("link", { name: "L1000001" });
  await expect(result).toBeVisible();
  await result.click();
  await expect(page).toHaveURL(/#L1000001$/);
  const selected = page.getByTestId("log-lines").locator("[data-selected]");
  await expect(selected).toHaveCount(1, { timeout: 60_000 });
  await expect(selected.first()).toHaveAttribute("data-line", "1000001");
});

test("opened at #L1000001, a whole-file search starts there: the first results are at and after the line, then from the top", async ({ page }) => {
  test.setTimeout(150_000);
  // The first characters of line 1,000,001 (a timestamp's start): nearly every line has them, so a search
  // from the top would stop at 500 matches far before the line.
  const res = await env().client.file.getFromTask("render-frames", "frame-encode-all", "stderr.txt", {
    fileGetFromTaskOptions: { ocpRange: "bytes=128000000-128000063" },
  });
  const chunks: Buffer[] = [];
  for await (const c of res.readableStreamBody ?? []) chunks.push(Buffer.from(c as Buffer));
  const common = Buffer.concat(chunks).toString("utf8").slice(0, 4);

  await page.goto(`${fileUrl("render-frames", "frame-encode-all", "stderr.txt")}#L1000001`);
  await expect(page.getByTestId("log-lines").locator("[data-selected]")).toHaveCount(1, { timeout: 90_000 });
  await page.getByRole("searchbox", { name: "Search the loaded part of the file" }).fill(common);
  await page.getByTestId("search-whole-file").click();
  // Capped at 500 before the end of the file: the status says where the results begin and that the lines above were never read.
  await expect(page.getByTestId("whole-file-status")).toHaveText(
    "500+ matching lines (first 500 shown, from line 1,000,001 on; lines 1–1,000,000 not reached)",
    { timeout: 120_000 },
  );
  const links = page.getByTestId("whole-file-results").getByRole("link");
  await expect(links.first()).toHaveText("L1000001");
  await expect(links.nth(1)).toHaveText("L1000002");
});

test("whole-file results of an ANSI log read as the viewer shows them: no escape codes, the match marked", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(fileUrl("render-frames", "frame-encode-all", "stdout.txt"));
  await page.getByRole("searchbox", { name: "Search the loaded part of the file" }).fill("INFO");
  await page.getByLabel("Match case").check();
  await page.getByTestId("search-whole-file").click();
  await expect(page.getByTestId("whole-file-status")).toContainText("500+ matching lines", { timeout: 90_000 });
  const first = page.getByTestId("whole-file-results").locator("li").first();
  const text = (await first.textContent()) ?? "";
  // The raw line is "ESC[2m<timestamp>ESC[0m ESC[32mINFO ESC[0m …": none of it may show.
  expect(text).toMatch(/\d{4}-\d\d-\d\dT[\d:.]+Z INFO /);
  expect(text).not.toMatch(/\x1b|\[\d+(;\d+)?m/);
  await expect(first.locator("mark").first()).toHaveText("INFO");
  expect(new Set(await first.locator("mark").allTextContents())).toEqual(new Set(["INFO"]));
});
