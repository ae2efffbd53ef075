import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { all } from "./sdk-paging";
import type { Stack } from "./stack";

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
  const builder = new AxeBuilder({ page });
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
