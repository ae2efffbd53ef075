import { describe, expect, it } from "vitest";
import { findAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { emulatorPerSuite } from "./support";

// Reads and actions hold separate request slots of an account: with every read slot taken by slow reads
// (the emulator answering /jobs after 2 s) and more reads queued, a reboot goes out through the dashboard's
// own client at once instead of waiting its turn behind them.
const env = emulatorPerSuite({ scenario: "demo", account: "action-slots" });
const SLOW_MS = 2_000;

describe("request slots", () => {
  it("sends an action promptly while the read slots are saturated", { timeout: 30_000 }, async () => {
    const account = (await findAccount(env.account))!;
    const { client, slots } = accountClient(account);
    const jobId = (await env.sdk.job.list())[0]!.id!;
    const pools = await env.sdk.pool.list();
    const nodes = await Promise.all(pools.map(async (p) => ({ poolId: p.id!, nodes: await env.sdk.computeNode.list(p.id!) })));
    const target = nodes.flatMap(({ poolId, nodes }) => nodes.filter((n) => n.state === "idle").map((n) => ({ poolId, nodeId: n.id! })))[0]!;
    expect(target).toBeDefined();

    await env.control("PUT", "/faults", { latencyMs: SLOW_MS, pathPrefix: "/jobs" });
    try {
      const reads = Array.from({ length: slots.reads.limit + 4 }, () => client.job.get(jobId));
      while (slots.reads.queued < 4) await new Promise((r) => setTimeout(r, 5));
      expect(slots.reads.inUse).toBe(slots.reads.limit);

      const started = performance.now();
      await client.computeNode.reboot(target.poolId, target.nodeId);
      const tookMs = performance.now() - started;
      // Behind the reads it would wait for a slot: at least one whole slow answer (2 s).
      expect(tookMs).toBeLessThan(SLOW_MS / 2);
      expect(slots.reads.queued).toBeGreaterThan(0);
      await Promise.all(reads);
    } finally {
      await env.control("DELETE", "/faults");
    }
    expect((await env.sdk.computeNode.get(target.poolId, target.nodeId)).state).toMatch(/reboot/);
  });
});
