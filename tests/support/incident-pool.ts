import { expect, type Locator, type Page } from "@playwright/test";
import { all } from "./sdk-paging";
import type { Stack } from "./stack";
import { axe } from "./axe";

/** The incident scenario's account, its 100-node pool and the job whose failures concentrate on three nodes. */
export const ACCOUNT = "incident";
export const POOL = "prod-ingest";
export const JOB = "ingest-2026-11-27";
/** Every action button of an action bar, by its label. */
export const ACTIONS = ["Reboot", "Reimage", "Remove from pool", "Disable scheduling", "Enable scheduling", "Deallocate", "Start"];

/** The ids of the pool's nodes, in the order Batch lists them (the incident scenario's bad nodes are indexes into it). */
export async function poolNodeIds(env: Stack): Promise<string[]> {
  const client = env.client;
  const nodes = await all(client.computeNode.list(POOL), (link) => client.computeNode.listNext(link));
  return nodes.map((n) => n.id!);
}

/** The serious and critical axe violations of the page (or of the part matching `include`), one line each. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = axe(page);
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join("; ")})`,
    );
}

/** The heatmap's node ids, top row first. */
export const heatmapRowIds = (page: Page) => page.getByTestId("heatmap-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")));

/**
 * On the pool page (last hour), wait until the bad nodes are the heatmap's top three rows, then select them
 * as an operator does: click the first row's box, shift-click the third. Gives the heatmap's action bar.
 */
export async function selectBadNodes(page: Page, url: string, bad: readonly string[]): Promise<Locator> {
  await page.goto(`${url}/${ACCOUNT}/pools/${POOL}?window=1h`);
  await expect.poll(async () => (await heatmapRowIds(page)).slice(0, 3).sort()).toEqual([...bad].sort());
  const rows = page.getByTestId("heatmap-row");
  await rows.nth(0).getByRole("checkbox").click();
  await rows
    .nth(2)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selection-count")).toHaveText("3 nodes selected");
  return page.getByTestId("heatmap-actions");
}
