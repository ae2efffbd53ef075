import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../../support/stack";
import { jsonLines, waitUntil } from "./support";

// SIGTERM while an action is in flight (the emulator holds every Batch call for a while): the action
// still answers with its recorded outcome, a new connection is refused at once, the stores are closed and
// the process exits 0.
let stack: Stack;
const LATENCY_MS = 2_500;

beforeAll(async () => {
  stack = await startStack({ scenario: "demo", account: "drain" });
});
afterAll(async () => {
  await stack?.stop();
});

async function schedulableNode(): Promise<{ poolId: string; nodeId: string }> {
  for (const pool of await stack.client.pool.list()) {
    for (const node of await stack.client.computeNode.list(pool.id!)) {
      if (node.schedulingState !== "disabled" && (node.state === "idle" || node.state === "running")) return { poolId: pool.id!, nodeId: node.id! };
    }
  }
  throw new Error("the demo scenario has no schedulable node");
}

const emulatorCalls = async () => ((await (await fetch(`${stack.emu.url}/__emulator/stats`)).json()) as { total: number }).total;

describe("graceful stop", () => {
  it("lets a running action record its outcome, refuses new connections and exits 0", async () => {
    const { poolId, nodeId } = await schedulableNode();
    await stack.faults({ latencyMs: LATENCY_MS });
    await fetch(`${stack.emu.url}/__emulator/stats/reset`, { method: "POST" });
    const { url } = stack.dashboard;
    const body = { operationId: randomUUID(), action: "disableScheduling", option: "requeue", nodeIds: [nodeId], reason: "graceful stop test" };
    const action = fetch(`${url}/api/accounts/drain/pools/${poolId}/actions`, {
      method: "POST",
      headers: { origin: url, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    // In flight: the emulator has received the dashboard's first call (it counts on arrival) and holds it.
    await waitUntil("the action's first Batch call", async () => (await emulatorCalls()) > 0);
    process.kill(stack.dashboard.pid, "SIGTERM");
    await waitUntil("the stop to begin", () => /SIGTERM received, stopping: [1-9]/.test(stack.dashboard.logs()));
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    const answer = await action;
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as { results: { nodeId: string; outcome: string; requestId?: string }[] };
    expect(result.results).toEqual([expect.objectContaining({ nodeId, outcome: "accepted" })]);
    expect(await stack.dashboard.exited).toBe(0);
    const stopped = jsonLines(stack.dashboard.logs()).find((l) => typeof l.msg === "string" && l.msg.includes("stopped (stores closed"));
    expect(stopped?.msg).toMatch(/stores closed: [1-9]/);
    await stack.clearFaults();
  }, 60_000);
});
