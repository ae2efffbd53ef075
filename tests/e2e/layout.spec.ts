import { expect, test, type Page, watchCsp } from "../support/browser-test";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { compareNatural } from "@/lib/compare-natural";
import { all } from "../support/sdk-paging";
import { stackPerFile } from "../support/stack";

/**
 * Layout at the smallest supported desktop (1280×800), in light and dark: no table scrolls sideways, no
 * header is clipped, node ids sort naturally, and ids cut in the middle still carry the whole id.
 */
const ACCOUNT = "incident";
const POOL = "prod-ingest";
const JOB = "ingest-2026-11-27";

test.use({ viewport: { width: 1280, height: 800 } });

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT });
let nodeIds: string[] = [];
let acted = "";

/** Every table on the page, measured: the frame it sits in and each header cell. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const table of Array.from(document.querySelectorAll("table"))) {
      const name = table.getAttribute("data-testid") ?? table.closest("section")?.getAttribute("aria-labelledby") ?? "a table";
      const frame = table.parentElement!;
      if (frame.scrollWidth > frame.clientWidth) problems.push(`${name} scrolls sideways: ${frame.scrollWidth} > ${frame.clientWidth}`);
      if (table.scrollWidth > table.clientWidth) problems.push(`${name} overflows itself: ${table.scrollWidth} > ${table.clientWidth}`);
      for (const th of Array.from(table.querySelectorAll("thead th"))) {
        if (th.scrollWidth > th.clientWidth) problems.push(`${name}: header "${th.textContent}" is clipped (${th.scrollWidth} > ${th.clientWidth})`);
      }
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    return problems;
  });
}

async function expectTablesFit(page: Page, tables: string[]): Promise<void> {
  for (const testId of tables) await expect(page.getByTestId(testId).getByRole("row").nth(1)).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
}

/** An operator action first, so the audit log and the node's history have rows to lay out. */
test.beforeAll(async ({ browser }) => {
  const { client, dashboard } = env();
  nodeIds = (await all(client.computeNode.list(POOL), (link) => client.computeNode.listNext(link))).map((n) => n.id!);
  acted = nodeIds[INCIDENT_BAD_NODES[0]]!;
  const page = await browser.newPage();
  watchCsp(page);
  await page.goto(`${dashboard.url}/${ACCOUNT}/pools/${POOL}?sel=${acted}`);
  await page.getByTestId("table-actions").getByRole("button", { name: "Disable scheduling" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason (required)").fill("draining-before-the-kernel-patch-with-a-long-unbroken-reason");
  await dialog.getByTestId("action-submit").click();
  await expect(dialog).toBeHidden();
  await page.close();
});

/**
 * Runs `check` on the loaded page in light, then again in dark: the theme is the system's
 * (prefers-color-scheme, followed live by the styles and the canvas), so one load serves both.
 */
async function inBothSchemes(page: Page, check: (colorScheme: "light" | "dark") => Promise<void>): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await check(colorScheme);
  }
}

test("light and dark: the account page: pools, jobs and schedules fit", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}`);
  await expect(page.getByRole("rowheader", { name: new RegExp(POOL) })).toBeVisible();
  await expect(page.getByTestId(`${POOL}-failing`)).not.toHaveText("…");
  await inBothSchemes(page, async () => expect(await layoutProblems(page)).toEqual([]));
});

test("light and dark: the pool page: the node table fits, with every column", async ({ page }, info) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}`);
  await inBothSchemes(page, async (colorScheme) => {
    await expectTablesFit(page, ["node-table"]);
    // Every column is there and shown; an abbreviated header carries its full name as its title.
    const headers = page.getByTestId("node-table").locator("thead th");
    const names = await headers.evaluateAll((ths) => ths.map((th) => th.getAttribute("title") ?? th.textContent?.replace(/[▲▼]/g, "").trim()));
    expect(names).toEqual(["", "Node", "State", "Scheduling", "Failures", "Failure rate", "Running tasks", "Errors"]);
    for (const th of await headers.all()) expect((await th.boundingBox())?.width).toBeGreaterThan(20);
    await page.getByTestId("node-table").scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`pool-${colorScheme}.png`), fullPage: true });
  });
});

test("light and dark: the gpu-burst pool: long error codes wrap between words, whole in the text and title, and the node table fits", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/gpu-burst`);
  await inBothSchemes(page, async () => {
    await expectTablesFit(page, ["node-table"]);
    const errors = page.getByTestId("node-table").locator("tbody td:last-child [title]");
    await expect(errors.first()).toBeVisible();
    const cells = await errors.evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent, title: e.getAttribute("title"), cut: e.scrollWidth > e.clientWidth })),
    );
    // The case this test is about: a code longer than the column would otherwise be.
    expect(cells.some((c) => (c.text ?? "").length > 20)).toBe(true);
    for (const c of cells) expect(c).toEqual({ text: c.title, title: c.title, cut: false });
  });
});

test("light and dark: the job page: the task table fits", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/jobs/${JOB}`);
  await expect(page.getByRole("region", { name: "Tasks" }).getByRole("rowheader").first()).toBeVisible();
  await inBothSchemes(page, async () => expect(await layoutProblems(page)).toEqual([]));
});

test("light and dark: the node page: recent tasks and history fit", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}/nodes/${acted}`);
  await inBothSchemes(page, () => expectTablesFit(page, ["recent-tasks", "audit-table"]));
});

test("light and dark: the audit page: the log fits, words and request ids unbroken", async ({ page }, info) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/audit`);
  await inBothSchemes(page, async (colorScheme) => {
    await expectTablesFit(page, ["audit-table"]);
    const row = page.getByTestId("audit-row").first();
    // One line each: "local-operator" is never split, the request id is cut in the middle instead of wrapped.
    for (const column of [1, 9]) {
      const lines = await row
        .locator("td")
        .nth(column)
        .evaluate((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return Math.round(range.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight));
        });
      expect(lines, `lines in column ${column}`).toBe(1);
    }
    await expect(row.locator("td").nth(1)).toHaveText("local-operator");
    const requestId = row.locator("td").nth(9).locator("[title]").first();
    const full = await requestId.getAttribute("title");
    expect(full?.length).toBeGreaterThan(20);
    await expect(requestId).toHaveText(full!);
    await page.screenshot({ path: info.outputPath(`audit-${colorScheme}.png`), fullPage: true });
  });
});

test("node ids sort naturally, and a cut id keeps the whole id in its text and title", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}`);
  const table = page.getByTestId("node-table");
  await table.getByRole("button", { name: "Node", exact: true }).click();
  await expect(page).toHaveURL(/sort=id/);
  await expect(table.getByRole("columnheader", { name: "Node", exact: true })).toHaveAttribute("aria-sort", "ascending");
  const natural = [...nodeIds].sort(compareNatural);
  // The check could fail: for these ids natural order is not plain text order.
  expect(natural).not.toEqual([...nodeIds].sort());
  const links = table.getByRole("rowheader").getByRole("link");
  await expect(links.first()).toHaveAttribute("title", natural[0]!);
  const shown = await links.evaluateAll((els) => els.map((e) => ({ title: e.getAttribute("title"), text: e.textContent })));
  expect(shown.length).toBeGreaterThan(10);
  expect(shown.map((s) => s.title)).toEqual(natural.slice(0, shown.length));
  for (const s of shown) expect(s.text).toBe(s.title);
  // Cut on screen: the start is clipped, the distinguishing end is shown whole.
  const first = links.first();
  const clipped = await first.locator("span span").evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(clipped).toBe(true);
  await expect(first).toBeVisible();
});
