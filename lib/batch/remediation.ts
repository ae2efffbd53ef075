import "server-only";
import type { BatchServiceClient } from "@azure/batch";
import type { AuditIntent, AuditLog } from "@/lib/audit/log";
import { auditLog } from "@/lib/audit/open";
import { explainActionError } from "@/lib/remediation/explain-error";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { EvidenceView } from "@/lib/schemas/audit";
import type { IdentityView } from "@/lib/schemas/identity";
import { idKey, sameId } from "@/lib/schemas/ids";
import { REMOVE_BATCH, type ActionRequest, type ActionResponse, type NodeAction, type NodeActionResult, type TaskOption } from "@/lib/schemas/remediation";
import { ALLOCATION_STATES, wireEnum } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import { accountClient } from "./client";
import { requestIdOf, toApiError, withRequestId } from "./errors";
import { captureEvidence } from "./evidence";
import { mapLimit } from "./map-limit";
import { deallocateNode, startNode } from "./node-power";
import { effectVisible, storedResult } from "./remediation-retry";

/** Node calls in flight for one request; the account's slots bound all Batch calls on top of this. */
const NODE_CONCURRENCY = 8;
/** Removal waits this long for the pool to be steady again before sending its next 100 ids. */
export const STEADY_WAIT_MS = 120_000;
const STEADY_POLL_MS = 1_000;

export interface ActionInput {
  account: BatchAccount;
  poolId: string;
  request: ActionRequest;
  /** The option to send (already checked against the action; the default when none was given). */
  option: TaskOption | undefined;
  who: IdentityView;
}

/** An operationId reused for another action or pool: a client bug, never something to act on. */
export class OperationReusedError extends Error {}

const state = globalThis as typeof globalThis & { __batchscopeOperations?: Map<string, Promise<unknown>> };

/**
 * Runs one operation at a time per operationId in this process, so a double click cannot send an action
 * twice: the second request waits for the first, then finds its records with outcomes and sends nothing.
 */
async function serialised<T>(key: string, run: () => Promise<T>): Promise<T> {
  const inFlight = (state.__batchscopeOperations ??= new Map());
  const previous = inFlight.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  inFlight.set(key, next);
  try {
    return await next;
  } finally {
    if (inFlight.get(key) === next) inFlight.delete(key);
  }
}

interface Pending {
  index: number;
  nodeId: string;
  /** The record of an earlier attempt whose outcome is unknown and whose effect is not visible: reused. */
  recordId?: string;
}

/**
 * Acts on nodes of one pool, one audit record per node: the intent (with evidence for reimage and remove)
 * before the Batch call, the outcome after. A retry of the same operation returns what was recorded, and
 * a record left without an outcome (the server stopped mid-call) is settled by re-reading the node.
 */
export function runNodeAction(input: ActionInput): Promise<ActionResponse> {
  // A UUID in either case is one operation: the lock, like the audit lookups, ignores case.
  return serialised(`${input.account.name}|${input.request.operationId.toLowerCase()}`, async () => {
    const { account, poolId, request, option } = input;
    const log = auditLog();
    const { client, cache, clock } = accountClient(account);
    const prior = log.byOperation(account.name, request.operationId);
    const other = prior.find((r) => r.action !== request.action || !sameId(r.poolId, poolId));
    if (other) throw new OperationReusedError(`operationId ${request.operationId} was already used for ${other.action} on pool ${other.poolId}; a new action needs a new operationId.`);
    // A retry may spell a node in another case; it is the same node and must not be acted on twice.
    const byNode = new Map(prior.map((r) => [idKey(r.nodeId), r]));
    const results: NodeActionResult[] = new Array(request.nodeIds.length);
    const toSend: Pending[] = [];

    // Every unsettled removal asks whether the pool is steady; one read answers them all.
    let steady: Promise<boolean> | undefined;
    const poolSteady = () =>
      (steady ??= client.pool.get(poolId, { poolGetOptions: { select: "id,allocationState" } }).then((p) => isSteady(p.allocationState)));

    await mapLimit(request.nodeIds, NODE_CONCURRENCY, async (nodeId, index) => {
      const record = byNode.get(idKey(nodeId));
      if (!record) return void toSend.push({ index, nodeId });
      if (record.outcome !== "unknown") return void (results[index] = storedResult(record, request.action));
      // The record's time is this server's; the node's boot time is Batch's. The service clock's offset
      // puts both on Batch's clock.
      const since = Date.parse(record.time) + (clock.now() - Date.now());
      const seen = await effectVisible(client, poolId, nodeId, request.action, since, poolSteady).catch((err: unknown) => toApiError(err));
      if (seen === "poolResizing") {
        const message = "The pool is resizing, which the earlier attempt of this removal may have started (a removal waiting for its tasks shows nothing on the node yet).";
        results[index] = {
          nodeId,
          outcome: "failed",
          recordId: record.id,
          error: { kind: "conflict", status: 409, code: "PoolBeingResized", message },
          explanation: `${message} Nothing was sent, so the node is never removed twice; try again once the pool is steady.`,
        };
      } else if (seen === true) {
        log.appendOutcome(record.id, { outcome: "alreadyDone" });
        results[index] = { nodeId, outcome: "alreadyDone", recordId: record.id, explanation: "An earlier attempt of this action reached Batch (the node shows its effect), so nothing was sent again." };
      } else if (seen === false) {
        toSend.push({ index, nodeId, recordId: record.id });
      } else {
        // Not knowing whether the first attempt landed, sending again could act twice: say so and wait for a retry.
        results[index] = {
          nodeId,
          outcome: "failed",
          recordId: record.id,
          error: seen,
          explanation: "An earlier attempt may have reached Batch, and the node could not be read to check; nothing was sent. Try again in a moment.",
        };
      }
    });
    toSend.sort((a, b) => a.index - b.index);

    const base = {
      operationId: request.operationId,
      actor: input.who.actor,
      role: input.who.role,
      account: account.name,
      poolId,
      action: request.action,
      ...(option ? { option } : {}),
      reason: request.reason,
      ...(request.ticket ? { ticket: request.ticket } : {}),
    } satisfies Omit<AuditIntent, "nodeId">;
    const ctx: SendContext = { log, client, base, action: request.action, option, poolId, account, results };
    const action = request.action;
    if (action === "remove") await removeInBatches(ctx, toSend);
    else await mapLimit(toSend, NODE_CONCURRENCY, (p) => sendOne(ctx, action, p));

    // The next read of what changed must come from Batch, not from before the action.
    const pool = idKey(poolId);
    for (const key of [`pool|${pool}`, `nodes|${pool}`, `node|${pool}|`, `nodestates|${pool}`, `actionnodes|${pool}`, "pools"]) cache.invalidate(`${account.name}|${key}`);
    return { operationId: request.operationId, action: request.action, ...(option ? { option } : {}), results };
  });
}

interface SendContext {
  log: AuditLog;
  client: BatchServiceClient;
  base: Omit<AuditIntent, "nodeId">;
  action: NodeAction;
  option: TaskOption | undefined;
  poolId: string;
  account: BatchAccount;
  results: NodeActionResult[];
}

async function sendOne(ctx: SendContext, action: Exclude<NodeAction, "remove">, p: Pending): Promise<void> {
  let evidence: EvidenceView | undefined;
  if (action === "reimage" && !p.recordId) {
    const captured = await evidenceOrRefusal(ctx, p);
    if (!captured) return;
    evidence = captured;
  }
  const recordId = p.recordId ?? ctx.log.appendIntent({ ...ctx.base, nodeId: p.nodeId, ...(evidence ? { evidence } : {}) });
  try {
    const res = await nodeCall(ctx.client, action, ctx.poolId, p.nodeId, ctx.option);
    accept(ctx, [{ ...p, recordId }], requestIdOf(res));
  } catch (err) {
    fail(ctx, [{ ...p, recordId }], err);
  }
}

function nodeCall(client: BatchServiceClient, action: Exclude<NodeAction, "remove">, poolId: string, nodeId: string, option: TaskOption | undefined) {
  switch (action) {
    case "reboot":
      return client.computeNode.reboot(poolId, nodeId, option ? { nodeRebootOption: option } : {});
    case "reimage":
      return client.computeNode.reimage(poolId, nodeId, option ? { nodeReimageOption: option } : {});
    case "disableScheduling":
      return client.computeNode.disableScheduling(poolId, nodeId, option ? { nodeDisableSchedulingOption: option as "requeue" | "terminate" | "taskcompletion" } : {});
    case "enableScheduling":
      return client.computeNode.enableScheduling(poolId, nodeId);
    case "deallocate":
      return deallocateNode(client, poolId, nodeId, option);
    case "start":
      return startNode(client, poolId, nodeId);
  }
}

/**
 * Removal goes 100 ids per call (Batch's limit). Batch removes nodes only from a steady pool and each call
 * starts a resize, so every batch after the first waits for the pool to be steady again.
 */
async function removeInBatches(ctx: SendContext, pending: Pending[]): Promise<void> {
  for (let start = 0; start < pending.length; start += REMOVE_BATCH) {
    const batch = pending.slice(start, start + REMOVE_BATCH);
    if (start > 0 && !(await waitForSteady(ctx.client, ctx.poolId))) {
      const error: ApiErrorInfo = {
        kind: "conflict",
        status: 409,
        code: "PoolBeingResized",
        message: `The pool was still resizing ${STEADY_WAIT_MS / 1000} s after the previous batch of ${REMOVE_BATCH} nodes; these nodes were not sent.`,
      };
      for (const p of pending.slice(start)) {
        const recordId = p.recordId ?? ctx.log.appendIntent({ ...ctx.base, nodeId: p.nodeId });
        ctx.log.appendOutcome(recordId, { outcome: "skipped", error });
        ctx.results[p.index] = { nodeId: p.nodeId, outcome: "skipped", recordId, error, explanation: explainActionError("remove", "PoolBeingResized") };
      }
      return;
    }
    const ready: (Pending & { evidence?: EvidenceView })[] = [];
    await mapLimit(batch, NODE_CONCURRENCY, async (p) => {
      if (p.recordId) return void ready.push(p);
      const evidence = await evidenceOrRefusal(ctx, p);
      if (evidence) ready.push({ ...p, evidence });
    });
    if (ready.length === 0) continue;
    ready.sort((a, b) => a.index - b.index);
    const recorded = ready.map((p) => ({ ...p, recordId: p.recordId ?? ctx.log.appendIntent({ ...ctx.base, nodeId: p.nodeId, ...(p.evidence ? { evidence: p.evidence } : {}) }) }));
    try {
      const res = await ctx.client.pool.removeNodes(ctx.poolId, { nodeList: recorded.map((p) => p.nodeId), ...(ctx.option ? { nodeDeallocationOption: ctx.option } : {}) });
      accept(ctx, recorded, requestIdOf(res));
    } catch (err) {
      fail(ctx, recorded, err);
    }
  }
}

async function waitForSteady(client: BatchServiceClient, poolId: string): Promise<boolean> {
  const deadline = Date.now() + STEADY_WAIT_MS;
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

/**
 * Evidence before a destructive call. A node that is gone is skipped (there is nothing left to act on);
 * one that cannot be read is not acted on, since its files would be lost unrecorded.
 */
async function evidenceOrRefusal(ctx: SendContext, p: Pending): Promise<EvidenceView | undefined> {
  try {
    return await captureEvidence(ctx.account, ctx.poolId, p.nodeId);
  } catch (err) {
    const error = withRequestId(toApiError(err), err);
    const recordId = ctx.log.appendIntent({ ...ctx.base, nodeId: p.nodeId });
    if (error.kind === "notFound") {
      ctx.log.appendOutcome(recordId, { outcome: "skipped", error, ...(error.requestId ? { requestId: error.requestId } : {}) });
      ctx.results[p.index] = { nodeId: p.nodeId, outcome: "skipped", recordId, error, explanation: explainActionError(ctx.action, error.code ?? "NodeNotFound") };
    } else {
      ctx.log.appendOutcome(recordId, { outcome: "failed", error, ...(error.requestId ? { requestId: error.requestId } : {}) });
      ctx.results[p.index] = {
        nodeId: p.nodeId,
        outcome: "failed",
        recordId,
        error,
        explanation: `The node's evidence could not be saved, so nothing was sent (its files would have been lost unrecorded). ${explainActionError(ctx.action, error.code)}`,
      };
    }
    return undefined;
  }
}

function accept(ctx: SendContext, sent: (Pending & { recordId: string })[], requestId: string | undefined): void {
  for (const p of sent) {
    ctx.log.appendOutcome(p.recordId, { outcome: "accepted", ...(requestId ? { requestId } : {}) });
    ctx.results[p.index] = { nodeId: p.nodeId, outcome: "accepted", recordId: p.recordId, ...(requestId ? { requestId } : {}) };
  }
}

function fail(ctx: SendContext, sent: (Pending & { recordId: string })[], err: unknown): void {
  const error = withRequestId(toApiError(err), err);
  for (const p of sent) {
    // A dropped connection or timeout may have reached Batch: the outcome stays unknown, and a retry of this
    // operation re-reads the node before sending again.
    if (error.kind !== "network") ctx.log.appendOutcome(p.recordId, { outcome: "failed", error, ...(error.requestId ? { requestId: error.requestId } : {}) });
    ctx.results[p.index] = {
      nodeId: p.nodeId,
      outcome: "failed",
      recordId: p.recordId,
      error,
      ...(error.requestId ? { requestId: error.requestId } : {}),
      explanation:
        error.kind === "network"
          ? "The call may or may not have reached Batch (no answer came back). Retrying this submission checks the node before sending again."
          : explainActionError(ctx.action, error.code),
    };
  }
}

const isSteady = (allocationState: unknown) => wireEnum(allocationState, ALLOCATION_STATES) === "steady";
