import { expect, test, type Locator, type Page } from "../support/browser-test";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { compareNatural } from "@/lib/compare-natural";
import { ACCOUNT, POOL, poolNodeIds } from "../support/incident-pool";
import { linkCutOf } from "../support/id-cut";
import { stackPerFile } from "../support/stack";

/**
 * The tables and the dialog at the smallest supported desktop (1280×800): the task filter finds what a row
 * shows, the node sort reverses, the action bar and the dialog's buttons stay usable, and node ids are cut
 * one way everywhere.
 */
test.use({ viewport: { width: 1280, height: 800 } });

const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT });
let nodeIds: string[] = [];

test.beforeAll(async () => {
  nodeIds = await poolNodeIds(env());
});

/** The text of each task row's State cell. */
const stateCells = (page: Page) =>
  page
    .getByRole("region", { name: "Tasks" })
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent ?? ""));

test("the task filter finds failed and succeeded tasks by what the State column shows, and its placeholder fits", async ({ page }) => {
  // Every outcome: the table shows only the failures by default when the job has some.
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/jobs/transform-v42?outcome=all&window=24h`);
  await expect(page.getByRole("region", { name: "Tasks" }).getByRole("rowheader").first()).toBeVisible();
  const all = await stateCells(page);
  const find = page.getByRole("searchbox", { name: "Find on this page" });
  for (const word of ["failed", "succeeded"]) {
    await find.fill(word);
    const expected = all.filter((s) => s.includes(word));
    expect(expected.length, `tasks shown as ${word} on the first page`).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    await expect.poll(() => stateCells(page)).toEqual(expected);
  }
  // "completed failed" (the badge without its colon) finds the same rows as "failed".
  await find.fill("completed failed");
  await expect.poll(() => stateCells(page)).toEqual(all.filter((s) => s.includes("failed")));
  // The placeholder fits the box; the full list of what is searched is the title and the description.
  const fits = await find.evaluate((el: HTMLInputElement) => {
    const style = getComputedStyle(el);
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: ctx.measureText(el.placeholder).width, room };
  });
  expect(fits.text).toBeLessThanOrEqual(fits.room);
  await expect(find).toHaveAttribute("title", /failed, succeeded/);
  await expect(find).toHaveAccessibleDescription(/task id, state or result/);
});

test("a second click on the sorted Node header reverses it, and the URL keeps the direction", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}`);
  const table = page.getByTestId("node-table");
  const header = table.getByRole("columnheader", { name: "Node", exact: true });
  const sortButton = table.getByRole("button", { name: "Node", exact: true });
  const firstId = () => table.getByRole("rowheader").first().getByRole("link").getAttribute("title");
  const natural = [...nodeIds].sort(compareNatural);
  await sortButton.click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect(page).toHaveURL(/sort=id/);
  expect(page.url()).not.toContain("dir=");
  await expect.poll(firstId).toBe(natural[0]);
  await sortButton.click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/dir=desc/);
  await expect.poll(firstId).toBe(natural.at(-1));
  await page.reload();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect.poll(firstId).toBe(natural.at(-1));
  await sortButton.click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => page.url()).not.toContain("dir=");
  // A column whose first sort is descending (Failures) reverses too.
  const failures = table.getByRole("columnheader", { name: "Failures", exact: true });
  await table.getByRole("button", { name: "Failures", exact: true }).click();
  await expect(failures).toHaveAttribute("aria-sort", "descending");
  await table.getByRole("button", { name: "Failures", exact: true }).click();
  await expect(failures).toHaveAttribute("aria-sort", "ascending");
  // Failures is the default sort, so only the direction is in the URL.
  await expect(page).toHaveURL(/dir=asc/);
});

test("the Nodes card's action bar keeps its buttons on one line", async ({ page }) => {
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}?sel=${nodeIds[INCIDENT_BAD_NODES[0]]}`);
  const buttons = page.getByTestId("table-actions").getByRole("button");
  await expect(buttons.last()).toBeVisible();
  const tops = await buttons.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(tops.length).toBe(7);
  expect(new Set(tops).size, `button tops ${tops.join(", ")}`).toBe(1);
});

test("node ids are cut the same way in the pool's table and in the audit log", async ({ page }) => {
  const acted = nodeIds[INCIDENT_BAD_NODES[1]]!;
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}?sel=${acted}`);
  await page.getByTestId("table-actions").getByRole("button", { name: "Disable scheduling" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason (required)").fill("checking how the audit log cuts node ids");
  await dialog.getByTestId("action-submit").click();
  await expect(dialog).toBeHidden();
  // Filtered to the node: the table renders only the rows in view.
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}?q=${acted}`);
  const inTable = await linkCutOf(page.getByTestId("node-table").locator(`a[title="${acted}"]`));
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/audit`);
  const inAudit = await linkCutOf(page.getByTestId("audit-table").locator(`a[title="${acted}"]`).first());
  expect(inTable.clipped).toBe(true);
  expect(inAudit).toEqual(inTable);
});

/** Whether the element lies wholly inside the 1280×800 viewport. */
const onScreen = (l: Locator) =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });

test("the reboot dialog keeps its title and buttons on screen while its body scrolls, and gives focus back on closing", async ({ page }) => {
  const node = nodeIds[INCIDENT_BAD_NODES[2]]!;
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/pools/${POOL}/nodes/${node}`);
  const reboot = page.getByTestId("action-bar").getByRole("button", { name: "Reboot" });
  for (const close of ["Escape", "Cancel"] as const) {
    await reboot.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Reason (required)")).toBeVisible();
    const body = dialog.locator("[data-dialog-body]");
    const sizes = await body.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(sizes.scroll, "the body is taller than the room it has (the case this test is about)").toBeGreaterThan(sizes.client);
    for (const part of [dialog.getByRole("heading", { level: 2 }), dialog.getByRole("button", { name: "Cancel" }), dialog.getByTestId("action-submit")]) {
      expect(await onScreen(part)).toBe(true);
    }
    // The disabled button says, beside it, what it waits for: the reason field may be out of view.
    const missing = dialog.getByTestId("dialog-missing");
    await expect(dialog.getByTestId("action-submit")).toBeDisabled();
    await expect(missing).toHaveText("To send: a reason (3 characters or more).");
    expect(await onScreen(missing)).toBe(true);
    await expect(dialog.getByTestId("action-submit")).toHaveAccessibleDescription("To send: a reason (3 characters or more).");
    // Scrolled to either end, the buttons stay where they are, over the body edge to edge and down to the
    // dialog's bottom: nothing of the body shows beside or below them.
    await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await onScreen(dialog.getByRole("button", { name: "Cancel" }))).toBe(true);
    const frame = (await dialog.boundingBox())!;
    const footer = (await dialog.locator("[data-dialog-buttons]").boundingBox())!;
    expect(Math.abs(footer.x - frame.x)).toBeLessThan(1);
    expect(Math.abs(footer.x + footer.width - (frame.x + frame.width))).toBeLessThan(1);
    expect(Math.abs(footer.y + footer.height - (frame.y + frame.height))).toBeLessThan(1);
    await dialog.getByLabel("Reason (required)").fill("agent hangs");
    await expect(missing).toHaveCount(0);
    await expect(dialog.getByTestId("action-submit")).toBeEnabled();
    if (close === "Escape") await page.keyboard.press("Escape");
    else await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(reboot).toBeFocused();
  }
});

test("the task page cuts its node id like the tables, whole on hover, with a copy button", async ({ page }) => {
  const { client } = env();
  const tasks = await client.task.list("transform-v42", { taskListOptions: { filter: "state eq 'completed'", select: "id,nodeInfo" } });
  const task = tasks.find((t) => t.nodeInfo?.nodeId)!;
  const nodeId = task.nodeInfo!.nodeId!;
  expect(nodeId.length).toBeGreaterThan(60);
  await page.goto(`${env().dashboard.url}/${ACCOUNT}/jobs/transform-v42/tasks/${task.id}`);
  const link = page.getByTestId("node-link");
  await expect(link).toHaveAttribute("title", nodeId);
  await expect(link).toHaveText(nodeId);
  const tableCut = { clipped: true, headChars: 9, tail: nodeId.slice(-8) };
  // The cut is measured after layout: poll, as a person would look once the page has settled.
  await expect.poll(() => linkCutOf(link)).toEqual(tableCut);
  // One line, not wrapped mid-id.
  expect(await link.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(30);
  const copy = page.getByRole("button", { name: `Copy ${nodeId} (node)` });
  await expect(copy).toBeVisible();
  expect(await copy.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  // Its icon is drawn, not a glyph that this machine's fonts lack (⧉ showed as an empty box): an SVG of the
  // text's size, and no text of its own.
  const icon = (await copy.locator("svg").boundingBox())!;
  expect(icon.width).toBeGreaterThan(8);
  expect(icon.height).toBeGreaterThan(8);
  expect(await copy.textContent()).toBe("");
  await copy.click();
  await expect(copy.getByTestId("copied-icon")).toBeVisible();
  // No icon on the page is a glyph in CSS content.
  const glyphs = await page.evaluate(() =>
    [...document.querySelectorAll("*")]
      .flatMap((el) => [getComputedStyle(el, "::before").content, getComputedStyle(el, "::after").content])
      .filter((c) => /[^\s"'a-z]/i.test(c.replace(/^(none|normal)$/, ""))),
  );
  expect(glyphs).toEqual([]);
});
