import "server-only";
import type { BatchServiceClient } from "@azure/batch";
import { requestIdOf } from "@/lib/batch/errors";
import { mapLimit } from "@/lib/batch/map-limit";
import { explainActionError } from "@/lib/remediation/explain-error";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { Evidence } from "@/lib/schemas/audit";
import { REMOVE_BATCH } from "@/lib/schemas/remediation";
import { ALLOCATION_STATES, wireEnum } from "@/lib/schemas/wire-values";
import { claimNode } from "./claim";
import { NODE_CONCURRENCY, type Pending, type Recorded, type SendContext } from "./context";
import { accept, evidenceOrRefusal, fail, notSent } from "./outcomes";
import { snapshotBefore, type SnapshotLink } from "./snapshot-before";

/** Removal waits this long for the pool to be steady again before sending its next 100 ids. */
export const STEADY_WAIT_MS = 120_000;
const STEADY_POLL_MS = 1_000;

export const isSteady = (allocationState: unknown) => wireEnum(allocationState, ALLOCATION_STATES) === "steady";

/**
 * Removal goes 100 ids per call (Batch's limit). Batch removes nodes only from a steady pool and each call
 * starts a resize, so every batch after the first waits for the pool to be steady again.
 */
export async function removeInBatches(ctx: SendContext, pending: Pending[]): Promise<void> {
  for (let start = 0; start < pending.length; start += REMOVE_BATCH) {
    if (start > 0 && !(await waitForSteady(ctx.client, ctx.poolId))) return skipTheRest(ctx, pending.slice(start));
    const ready: (Pending & { evidence?: Evidence; snapshot?: SnapshotLink })[] = [];
    await mapLimit(pending.slice(start, start + REMOVE_BATCH), NODE_CONCURRENCY, async (p) => {
      if (p.recordId) return void ready.push(p);
      const evidence = await evidenceOrRefusal(ctx, p);
      if (evidence) ready.push({ ...p, evidence, snapshot: await snapshotBefore(ctx, p.nodeId) });
    });
    if (ready.length === 0) continue;
    ready.sort((a, b) => a.index - b.index);
    // Nodes another request of this operation claimed first are left to it (claim.ts).
    const recorded: Recorded[] = [];
    for (const p of ready) {
      const recordId = p.recordId ?? (await claimNode(ctx, p, { ...(p.evidence ? { evidence: p.evidence } : {}), ...p.snapshot }));
      if (recordId !== undefined) recorded.push({ index: p.index, nodeId: p.nodeId, recordId });
    }
    if (recorded.length === 0) continue;
    let res;
    try {
      res = await ctx.client.pool.removeNodes(ctx.poolId, {
        nodeList: recorded.map((p) => p.nodeId),
        ...(ctx.option ? { nodeDeallocationOption: ctx.option } : {}),
      });
    } catch (err) {
      await fail(ctx, recorded, err);
      continue;
    }
    await accept(ctx, recorded, requestIdOf(res));
  }
}

/** The pool stayed busy: the nodes not yet sent are recorded as skipped, never sent late. */
async function skipTheRest(ctx: SendContext, rest: Pending[]): Promise<void> {
  const error: ApiErrorInfo = {
    kind: "conflict",
    status: 409,
    code: "PoolBeingResized",
    message: `The pool was still resizing ${STEADY_WAIT_MS / 1000} s after the previous batch of ${REMOVE_BATCH} nodes; these nodes were not sent.`,
  };
  for (const p of rest) await notSent(ctx, p, "skipped", error, explainActionError("remove", "PoolBeingResized"));
}

/** Polls the pool's allocation state until it is steady (true) or `waitMs` has passed (false). */
export async function waitForSteady(client: BatchServiceClient, poolId: string, waitMs = STEADY_WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const pool = await client.pool.get(poolId, { poolGetOptions: { select: "id,allocationState" } });
      if (isSteady(pool.allocationState)) return true;
    } catch {
      // A failed read is not an answer; keep asking until the deadline.
    }
    if (Date.now() + STEADY_POLL_MS > deadline) return false;
    await new Promise((r) => setTimeout(r, STEADY_POLL_MS));
  }
}
