import { describe, expect, it } from "vitest";
import { GET as nodeFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/failures/route";
import { GET as poolHeatmapGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/route";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { heatmapResponse } from "@/lib/schemas/failures";
import { nodeFailuresResponse } from "@/lib/schemas/node-failures";
import { callOk, emulatorPerSuite, fullHeatmap, odataTime, sdkTasks } from "./support";

// The incident scenario: three of prod-ingest's 100 nodes fail most of their tasks in the last hour or so.
const env = emulatorPerSuite({ scenario: "incident", account: "node-failures" });
const a = () => env.account;
const POOL = "prod-ingest";
const INGEST = "ingest-2026-11-27";

describe("a node's failed tasks in the window", () => {
  it("are the node's heatmap row, newest first, each with its job, category and end time", async () => {
    const nodes = await env.sdk.computeNode.list(POOL);
    const bad = INCIDENT_BAD_NODES.map((i) => nodes[i]!.id!);
    const pinned = `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
    for (const window of ["window=1h", pinned]) {
      const h = await fullHeatmap(
        poolHeatmapGET,
        `/api/accounts/${a()}/pools/${POOL}/heatmap?${window}&buckets=30`,
        { account: a(), poolId: POOL },
        heatmapResponse,
      );
      for (const nodeId of bad) {
        const f = await callOk(
          nodeFailuresGET,
          `/api/accounts/${a()}/pools/${POOL}/nodes/${nodeId}/failures?${window}`,
          { account: a(), poolId: POOL, nodeId },
          nodeFailuresResponse,
        );
        const row = h.rows.find((r) => r.nodeId === nodeId);
        expect(f.tasks.length, `${window} ${nodeId}`).toBe(row?.failures);
        expect(f.tasks.length).toBeGreaterThan(0);
        expect(f.window).toEqual(h.window);
        const ends = f.tasks.map((t) => t.endTime);
        expect(ends).toEqual([...ends].sort((x, y) => y - x));
        for (const t of f.tasks) expect(t.endTime >= f.window.from && t.endTime < f.window.to).toBe(true);
        expect(f.completed).toBeGreaterThanOrEqual(f.tasks.length);
      }
    }
  });

  it("agree with the SDK: the ingest job's failed tasks that ran on the node", async () => {
    const nodes = await env.sdk.computeNode.list(POOL);
    const nodeId = nodes[INCIDENT_BAD_NODES[0]!]!.id!;
    const f = await callOk(
      nodeFailuresGET,
      `/api/accounts/${a()}/pools/${POOL}/nodes/${nodeId}/failures?window=1h`,
      { account: a(), poolId: POOL, nodeId },
      nodeFailuresResponse,
    );
    const filter = `state eq 'completed' and executionInfo/endTime ge ${odataTime(f.window.from)} and executionInfo/endTime lt ${odataTime(f.window.to)}`;
    const sdk = (await sdkTasks(env, INGEST, filter)).filter((t) => t.nodeInfo?.nodeId === nodeId && t.executionInfo?.result === "failure");
    expect(
      f.tasks
        .filter((t) => t.jobId === INGEST)
        .map((t) => t.taskId)
        .sort(),
    ).toEqual(sdk.map((t) => t.id!).sort());
  });
});
