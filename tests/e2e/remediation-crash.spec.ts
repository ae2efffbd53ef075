import Database from "better-sqlite3";
import { expect, test } from "../support/browser-test";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { all } from "../support/sdk-paging";
import { startDashboard } from "../support/servers";
import { stackPerFile } from "../support/stack";

// Killing the production server (`npm start`: server.ts, the process an operator runs) in the middle of a bulk
// action loses no record of the calls that reached Batch. The emulator holds each node call for a few
// seconds; the dashboard is SIGKILLed once Batch has received some; every received call must have its
// intent in the audit file, and a new server on the same file shows those records as "unknown".
const ACCOUNT = "incident";
const POOL = "prod-ingest";
const NODES = 12;
const DISABLE = /^POST \/pools\/prod-ingest\/nodes\/([^/]+)\/disablescheduling$/;

test.describe("a dashboard killed mid-action", () => {
  test.setTimeout(120_000);
  const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT, speed: 0.001 });

  test("keeps an intent record for every node call Batch received, shown as unknown by the next server", async ({ page }) => {
    const { dashboard, emu, client } = env();
    const ids = (await all(client.computeNode.list(POOL), (link) => client.computeNode.listNext(link))).map((n) => n.id!);
    const bad = new Set(INCIDENT_BAD_NODES.map((i) => ids[i]));
    const chosen = ids.filter((id) => !bad.has(id)).slice(0, NODES);

    // The selection travels in the link, as it would from a ticket.
    await page.goto(`${dashboard.url}/${ACCOUNT}/pools/${POOL}?sel=${chosen.join(",")}`);
    await page.getByTestId("table-actions").getByRole("button", { name: "Disable scheduling" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: `Disable scheduling: ${NODES} nodes` })).toBeVisible();
    await dialog.getByLabel("Reason (required)").fill("draining before the kernel patch");
    await dialog.getByLabel(`Type the number of nodes, ${NODES}, to confirm.`).fill(String(NODES));

    // From here each node call waits 3 s at Batch, so the kill lands while calls are in flight.
    await env().faults({ latencyMs: 3_000, pathPrefix: `/pools/${POOL}/nodes/` });
    emu.stats.byRoute.clear();
    await dialog.getByTestId("action-submit").click();
    const received = () => [...emu.stats.byRoute.keys()].map((route) => DISABLE.exec(route)?.[1]).filter((id): id is string => !!id);
    await expect.poll(() => received().length, { timeout: 30_000 }).toBeGreaterThan(0);
    process.kill(dashboard.pid, "SIGKILL");
    await expect
      .poll(() =>
        fetch(`${dashboard.url}/api/accounts`).then(
          () => "answering",
          () => "gone",
        ),
      )
      .toBe("gone");
    await env().clearFaults();

    const reached = received().sort();
    expect(reached.length).toBeLessThan(NODES);
    const db = new Database(env().auditDb, { readonly: true });
    const rows = db
      .prepare(
        "SELECT i.node_id AS nodeId, o.outcome AS outcome FROM intents i LEFT JOIN outcomes o ON o.record_id = i.id WHERE i.action = 'disableScheduling'",
      )
      .all() as { nodeId: string; outcome: string | null }[];
    db.close();
    const recorded = new Map(rows.map((r) => [r.nodeId, r.outcome]));
    for (const nodeId of reached) {
      expect(recorded.has(nodeId), `an intent for ${nodeId}, whose call reached Batch`).toBe(true);
      expect(recorded.get(nodeId), `${nodeId} was killed before Batch answered`).toBeNull();
    }

    // A new server on the same audit file: the operator sees which calls may have reached Batch.
    const next = await startDashboard({
      BATCH_ACCOUNT_NAME: emu.account,
      BATCH_ACCOUNT_URL: emu.url,
      BATCH_ACCOUNT_KEY: emu.key,
      BATCHSCOPE_AUDIT_DB: env().auditDb,
      BATCHSCOPE_LOCAL_OPERATOR: "true",
    });
    try {
      await page.goto(`${next.url}/${ACCOUNT}/audit?action=disableScheduling`);
      const audit = page.getByTestId("audit-table");
      await expect(audit.getByTestId("audit-row")).toHaveCount(rows.length);
      for (const nodeId of reached) {
        const row = audit.locator(`[data-testid="audit-row"][data-node-id="${nodeId}"]`);
        await expect(row).toContainText("unknown");
        await expect(row).toContainText("draining before the kernel patch");
      }
    } finally {
      await next.stop();
    }
  });
});
