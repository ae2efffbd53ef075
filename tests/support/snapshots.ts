import { expect, type Page } from "@playwright/test";

/** Save snapshot on the current view, with `note`, as an operator does; gives the snapshot's absolute link. */
export async function saveSnapshot(page: Page, note: string): Promise<string> {
  await page.getByTestId("save-snapshot").click();
  const dialog = page.getByTestId("snapshot-dialog");
  await dialog.getByLabel("Note (optional)").fill(note);
  await dialog.getByTestId("snapshot-submit").click();
  const link = dialog.getByTestId("snapshot-link");
  // A pool's snapshot waits for the heatmap's totals (docs/snapshots.md), which may take a while cold.
  await expect(link).toBeVisible({ timeout: 90_000 });
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(new RegExp(`^${new URL(page.url()).origin}/[^/]+/snapshots/[A-Za-z0-9_-]{22}$`));
  return href;
}
