import { describe, expect, it } from "vitest";
import { GET as jobHeatmapGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/route";
import { GET as jobSignaturesGET } from "@/app/api/accounts/[account]/jobs/[jobId]/signatures/route";
import { GET as poolFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/failures/route";
import { GET as poolHeatmapCellGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/cell/route";
import { GET as poolHeatmapGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/route";
import { GET as poolSignaturesGET } from "@/app/api/accounts/[account]/pools/[poolId]/signatures/route";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { cellTasksResponse, failureSummaryResponse, heatmapResponse } from "@/lib/schemas/failures";
import { signaturesResponse, type SignaturesResponse } from "@/lib/schemas/signatures";
import { call, callOk, emulatorPerSuite, fullHeatmap } from "./support";

// The incident scenario: a full disk on nodes 17 and 42, the OOM killer on node 73, a KeyError in
// transform-v42 on every node, and a few render-style ValueErrors in the background.
const env = emulatorPerSuite({ scenario: "incident", account: "signatures-incident" });
const a = () => env.account;
const POOL = "prod-ingest";
const INGEST = "ingest-2026-11-27";
const NO_SPACE = "OSError: [Errno <n>] No space left on device: '<path>'";

const badNodeIds = async () => {
  const nodes = await env.sdk.computeNode.list(POOL);
  return INCIDENT_BAD_NODES.map((i) => nodes[i]!.id!);
};

const poolSignatures = (query: string) =>
  callOk(poolSignaturesGET, `/api/accounts/${a()}/pools/${POOL}/signatures?${query}`, { account: a(), poolId: POOL }, signaturesResponse);
const byLine = (r: SignaturesResponse, line: string) => r.signatures.filter((s) => s.line === line);

describe("GET …/pools/[poolId]/signatures", () => {
  // A cold read is about 400 calls to the emulator; on a busy machine that takes a while.
  it("groups the window's failures by signature: the full disk on two nodes, the OOM kill on one, the KeyError of one job", { timeout: 60_000 }, async () => {
    await env.resetStats();
    const r = await poolSignatures("window=6h");
    const calls = await env.stats();
    const summary = await callOk(
      poolFailuresGET,
      `/api/accounts/${a()}/pools/${POOL}/failures?window=6h`,
      { account: a(), poolId: POOL },
      failureSummaryResponse,
    );
    const [n17, n42, n73] = await badNodeIds();

    expect(r.failed).toBe(summary.failed);
    expect(r.signatures.reduce((n, s) => n + s.count, 0)).toBe(r.failed);
    expect(r.sampled).toBe(Math.min(200, r.failed));
    expect(r.sampleLimit).toBe(200);
    // Each sampled task costs a HEAD for the size and one ranged GET, and nothing is read twice.
    const taskFileCalls = Object.entries(calls.byRoute)
      .filter(([route]) => /files/i.test(route))
      .reduce((n, [, c]) => n + c, 0);
    expect(taskFileCalls).toBe(2 * r.sampled);
    console.log(`signatures read, cold: ${calls.total} Batch calls (${taskFileCalls} on task files) for ${r.sampled} of ${r.failed} failed tasks`);

    const [noSpace, ...moreNoSpace] = byLine(r, NO_SPACE);
    expect(moreNoSpace).toEqual([]);
    expect([...noSpace!.nodes].sort()).toEqual([n17, n42].sort());
    expect(noSpace!.exitCode).toBe(1);
    expect(noSpace!.example).toMatch(/^OSError: \[Errno 28\] No space left on device: '\/mnt\/batch\//);

    const killed = byLine(r, "Killed");
    expect(killed.map((s) => s.exitCode)).toEqual([137]);
    expect(killed[0]!.nodes).toEqual([n73]);

    const keyError = byLine(r, "KeyError: '<…>'");
    expect(keyError).toHaveLength(1);
    expect(keyError[0]!.jobs).toEqual(["transform-v42"]);
    expect(keyError[0]!.nodes.length).toBeGreaterThan(20);

    // New: first seen in the window's last quarter, beside one failing before it (lib/failures/signature.ts).
    const since = r.window.to - (r.window.to - r.window.from) / 4;
    const before = r.signatures.some((s) => s.firstSeen < since);
    for (const s of r.signatures) expect(s.newest, s.line).toBe(before && (s.source === "stderr" || s.source === "empty") && s.firstSeen >= since);
    for (const s of r.signatures) expect(s.firstSeen).toBeLessThanOrEqual(s.lastSeen);
  });

  it("is served again without reading a tail twice", async () => {
    await poolSignatures("window=1h");
    await env.resetStats();
    await poolSignatures("window=1h");
    const calls = await env.stats();
    expect(Object.keys(calls.byRoute).filter((route) => /files/i.test(route))).toEqual([]);
  });
});

describe("signature=<id> on the heatmap routes", () => {
  it("filters the heatmap to one signature's tasks with signature=<id>", async () => {
    const r = await poolSignatures("window=6h");
    const noSpace = byLine(r, NO_SPACE)[0]!;
    const h = await fullHeatmap(
      poolHeatmapGET,
      `/api/accounts/${a()}/pools/${POOL}/heatmap?window=6h&signature=${noSpace.id}`,
      { account: a(), poolId: POOL },
      heatmapResponse,
    );
    expect(h.totals.failures).toBe(noSpace.count);
    expect(
      h.rows
        .filter((row) => row.failures > 0)
        .map((row) => row.nodeId)
        .sort(),
    ).toEqual([...noSpace.nodes].sort());

    // A cell of the filtered heatmap lists exactly the tasks it counts: only the signature's.
    const buckets = h.edges.length - 1;
    const row = h.rows.findIndex((r) => r.failures > 0);
    const col = h.counts.slice(row * buckets, (row + 1) * buckets).findIndex((n) => n > 0);
    const cellQuery = `nodeId=${h.rows[row]!.nodeId}&cellFrom=${new Date(h.edges[col]!).toISOString()}&cellTo=${new Date(h.edges[col + 1]!).toISOString()}`;
    const cell = await callOk(
      poolHeatmapCellGET,
      `/api/accounts/${a()}/pools/${POOL}/heatmap/cell?window=6h&${cellQuery}&signature=${noSpace.id}`,
      { account: a(), poolId: POOL },
      cellTasksResponse,
    );
    expect(cell.groups.flatMap((g) => g.tasks)).toHaveLength(h.counts[row * buckets + col]!);

    const unknown = await fullHeatmap(
      poolHeatmapGET,
      `/api/accounts/${a()}/pools/${POOL}/heatmap?window=6h&signature=AAAAAAAAAA`,
      { account: a(), poolId: POOL },
      heatmapResponse,
    );
    expect(unknown.totals.failures).toBe(0);
    const bad = await call(poolHeatmapGET, `/api/accounts/${a()}/pools/${POOL}/heatmap?window=6h&signature=%3Cscript%3E`, { account: a(), poolId: POOL });
    expect(bad.status).toBe(400);
  });
});

describe("GET …/jobs/[jobId]/signatures", () => {
  it("gives a job's signatures with the same ids as the pool's, and filters the job's heatmap", async () => {
    const pool = await poolSignatures("window=6h");
    const job = await callOk(jobSignaturesGET, `/api/accounts/${a()}/jobs/${INGEST}/signatures?window=6h`, { account: a(), jobId: INGEST }, signaturesResponse);
    expect(job.signatures.every((s) => s.jobs.length === 1 && s.jobs[0] === INGEST)).toBe(true);
    const killed = byLine(job, "Killed")[0]!;
    expect(byLine(pool, "Killed")[0]!.id).toBe(killed.id);
    const h = await fullHeatmap(
      jobHeatmapGET,
      `/api/accounts/${a()}/jobs/${INGEST}/heatmap?window=6h&signature=${killed.id}`,
      { account: a(), jobId: INGEST },
      heatmapResponse,
    );
    expect(h.totals.failures).toBe(killed.count);
  });
});
