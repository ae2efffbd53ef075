import "server-only";
import { randomUUID } from "node:crypto";
import { CLAIM_LEASE_MS, type AuditIntent, type AuditLog } from "@/lib/audit/log";
import { auditLog } from "@/lib/audit/open";
import { accountClient } from "@/lib/batch/client";
import { mapLimit } from "@/lib/batch/map-limit";
import { invalidateReads } from "@/lib/batch/read";
import { readsChangedByNodeAction } from "@/lib/batch/read-keys";
import { ConflictError } from "@/lib/errors/api-error";
import { sameId } from "@/lib/schemas/ids";
import type { ActionResponse, PoolTargets, ResizeResult } from "@/lib/schemas/remediation";
import { NODE_CONCURRENCY, type ActionInput, type SendContext } from "./context";
import { readTargets, resizeBack } from "./keep-capacity";
import { reconcile } from "./reconcile";
import { removeInBatches } from "./remove";
import { sendToNode } from "./send";
import { SNAPSHOT_NODES } from "./snapshot-before";

export type { ActionInput };

/** An operationId reused for another action or pool, or by another actor: never something to act on (409). */
export class OperationReusedError extends ConflictError {
  override name = "OperationReusedError";
  constructor(message: string, code = "OperationIdReused") {
    super(code, message);
  }
}

const state = globalThis as typeof globalThis & { __batchscopeOperations?: Map<string, Promise<unknown>> };

/**
 * Runs one operation at a time per operationId in this process, so a double click answers from the first
 * click's records rather than waiting on its claims. Sending each node once does not rest on this: across
 * replicas the claims in the store (claim.ts) do that.
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

/**
 * Acts on nodes of one pool, one audit record per node: the intent (with evidence for reimage and remove)
 * before the Batch call, the outcome after. A retry of the same operation returns what was recorded, and
 * a record left without an outcome (the server stopped mid-call) is settled by re-reading the node
 * (reconcile.ts); what is left is sent node by node (send.ts) or, for removal, 100 at a time (remove.ts).
 */
export function runNodeAction(input: ActionInput): Promise<ActionResponse> {
  // A UUID in either case is one operation: the lock, like the audit lookups, ignores case.
  return serialised(`${input.account.name}|${input.request.operationId.toLowerCase()}`, async () => {
    const log = auditLog();
    const owner = randomUUID();
    const { name } = input.account;
    const { operationId } = input.request;
    // The claims hold while this attempt runs (renewed), and stop holding when it ends; a replica that dies
    // renews nothing, so another can settle its nodes once the lease lapses (CLAIM_LEASE_MS).
    const renewing = setInterval(() => void log.renew(name, operationId, owner).catch(() => undefined), CLAIM_LEASE_MS / 3);
    try {
      return await runOperation(input, log, owner);
    } finally {
      clearInterval(renewing);
      await log.release(name, operationId, owner).catch(() => undefined);
    }
  });
}

async function runOperation(input: ActionInput, log: AuditLog, owner: string): Promise<ActionResponse> {
  const { account, poolId, request, option } = input;
  const { client, clock } = accountClient(account);
  const prior = await log.byOperation(account.name, request.operationId);
  // An operation belongs to whoever first sent it: another operator resending its id would otherwise be
  // answered with the first one's results, or send the rest of its nodes under the first one's records.
  if (prior.some((r) => r.actor !== input.who.actor))
    throw new OperationReusedError(
      `operationId ${request.operationId} belongs to an action another operator started; a retry must come from that operator, and a new action needs a new operationId.`,
      "OperationIdOfAnotherActor",
    );
  // A removal that keeps capacity has one pool-level record (resizePool) beside its node records.
  const resizeRecord = prior.find((r) => r.action === "resizePool");
  const other = prior.find((r) => (r.action !== request.action && r !== resizeRecord) || !sameId(r.poolId, poolId));
  if (other)
    throw new OperationReusedError(
      `operationId ${request.operationId} was already used for ${other.action} on pool ${other.poolId}; a new action needs a new operationId.`,
    );
  const nodePrior = prior.filter((r) => r !== resizeRecord);
  const { results, toSend } = await reconcile(log, client, clock, { account: account.name, owner, poolId, request, prior: nodePrior });
  const keep = request.action === "remove" && request.keepCapacity === true;
  // The targets to restore: the ones the first attempt recorded, else read now, before anything is removed.
  const before: PoolTargets | undefined = keep ? (nodePrior.find((r) => r.targetsBefore)?.targetsBefore ?? (await targetsToKeep(client, poolId))) : undefined;

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
    ...(before ? { keepCapacity: true, targetsBefore: before } : {}),
  } satisfies Omit<AuditIntent, "nodeId">;
  const ctx: SendContext = {
    log,
    client,
    base,
    action: request.action,
    option,
    poolId,
    account,
    results,
    owner,
    ...(input.snapshotNode ? { snapshotNode: input.snapshotNode, snapshots: { left: SNAPSHOT_NODES } } : {}),
  };
  const action = request.action;
  if (action === "remove") await removeInBatches(ctx, toSend);
  else await mapLimit(toSend, NODE_CONCURRENCY, (p) => sendToNode(ctx, action, p));
  const removedAny = results.some((r) => r?.outcome === "accepted" || r?.outcome === "alreadyDone");
  const resize: ResizeResult | undefined = before ? await resizeBack(ctx, before, resizeRecord, removedAny) : undefined;

  // The next read of what changed must come from Batch, not from before the action.
  invalidateReads(account, readsChangedByNodeAction(poolId));
  return { operationId: request.operationId, action: request.action, ...(option ? { option } : {}), results, ...(resize ? { resize } : {}) };
}

/** The pool's targets before a removal that keeps capacity; an autoscale pool is refused, since Batch refuses its resize. */
async function targetsToKeep(client: Parameters<typeof readTargets>[0], poolId: string): Promise<PoolTargets> {
  const t = await readTargets(client, poolId);
  if (t.autoScale)
    throw new ConflictError(
      "PoolAutoScaleEnabled",
      "The pool scales automatically, and Batch refuses a resize by hand: untick keep capacity (the autoscale formula sets the pool's size).",
    );
  return { dedicated: t.dedicated, lowPriority: t.lowPriority };
}
