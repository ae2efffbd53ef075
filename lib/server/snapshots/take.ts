import "server-only";
import { randomUUID } from "node:crypto";
import type { BatchAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { serviceWindow } from "@/lib/batch/service-window";
import { auditLog } from "@/lib/audit/open";
import { snapshotStore } from "@/lib/audit/snapshots";
import { readEnv } from "@/lib/env";
import { BadRequestError, NotFoundError } from "@/lib/errors/api-error";
import { metrics } from "@/lib/observability/metrics";
import type { Identity } from "@/lib/schemas/identity";
import type { FrozenAnswer, SnapshotMeta } from "@/lib/schemas/snapshots";
import { api } from "@/lib/links/paths";
import { normalizeApiPath } from "@/lib/snapshots/api-path";
import { freezeView, hasWindow, parseView, ViewError, type FrozenView, type SnapshotView } from "@/lib/snapshots/view";
import { recordAccepted } from "@/lib/server/audit/record";
import { captureView, type ReadApi } from "./capture";

export interface TakeSnapshot {
  account: BatchAccount;
  view: string;
  note?: string;
  author: string;
  readApi: ReadApi;
}

/**
 * Freezes a view (docs/snapshots.md): checks it, resolves its window against the Batch service's clock
 * (as the heatmap resolves it), takes its answers, stores them, and applies the retention setting.
 */
export async function takeSnapshot(t: TakeSnapshot): Promise<SnapshotMeta> {
  const v = checkedView(() => parseView(t.account.name, t.view));
  const now = hasWindow(v.kind) ? (await serviceWindow({ window: "1h" }, accountClient(t.account))).to : Date.now();
  const frozen = checkedView(() => freezeView(v, now));
  const captured = await captureView(v, frozen, t.readApi);
  const store = snapshotStore();
  const meta = await store.save(metaOf(t, v, frozen, captured), { answers: captured.answers });
  await store.prune(readEnv().BATCHSCOPE_SNAPSHOT_RETENTION_DAYS);
  metrics().snapshotsTaken.inc();
  metrics().snapshotBytes.observe(meta.sizeBytes);
  return meta;
}

/**
 * The pool a snapshot is filed under: the view's own, or for a job, task or file view the pool its frozen job
 * or task answer names, so the list's pool filter finds every snapshot of an incident on that pool.
 */
function poolOf(v: SnapshotView, answers: Record<string, FrozenAnswer>): string | undefined {
  if (v.poolId) return v.poolId;
  if (!v.jobId) return undefined;
  const path = v.taskId ? api.task(v.account, v.jobId, v.taskId) : api.job(v.account, v.jobId);
  try {
    const body = JSON.parse(answers[normalizeApiPath(path)]?.body ?? "null") as { task?: { poolId?: string }; job?: { poolId?: string } } | null;
    return body?.task?.poolId ?? body?.job?.poolId;
  } catch {
    return undefined;
  }
}

function metaOf(
  t: TakeSnapshot,
  v: SnapshotView,
  frozen: FrozenView,
  captured: { answers: Record<string, FrozenAnswer>; sizeBytes: number; cut: string[] },
): Omit<SnapshotMeta, "id"> {
  const poolId = poolOf(v, captured.answers);
  return {
    account: t.account.name,
    kind: v.kind,
    view: t.view,
    frozenView: frozen.frozenView,
    ...(poolId ? { poolId } : {}),
    ...(v.jobId ? { jobId: v.jobId } : {}),
    ...(v.taskId ? { taskId: v.taskId } : {}),
    ...(v.nodeId ? { nodeId: v.nodeId } : {}),
    note: t.note ?? "",
    author: t.author,
    takenAt: new Date().toISOString(),
    ...(frozen.window ? { window: { from: new Date(frozen.window.from).toISOString(), to: new Date(frozen.window.to).toISOString() } } : {}),
    sizeBytes: captured.sizeBytes,
    cut: captured.cut,
  };
}

function checkedView<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ViewError) throw new BadRequestError(`view: ${err.message}`);
    throw err;
  }
}

/**
 * Deletes a snapshot: an operator's act, audited (action deleteSnapshot, the snapshot's pool and node,
 * its id in the record's detail) before the row goes, so the log never lacks a deletion that happened.
 */
export async function deleteSnapshot(
  account: BatchAccount,
  snapshotId: string,
  who: Identity,
  reason: string | undefined,
): Promise<{ deleted: string; recordId: string }> {
  const store = snapshotStore();
  const meta = await store.meta(account.name, snapshotId);
  if (!meta) throw snapshotNotFound(snapshotId);
  const log = auditLog();
  const recordId = await log.appendIntent({
    operationId: randomUUID(),
    actor: who.actor,
    role: who.role,
    account: account.name,
    poolId: meta.poolId ?? "",
    nodeId: meta.nodeId ?? "",
    action: "deleteSnapshot",
    reason: reason ?? `Snapshot of ${meta.frozenView} deleted`,
    snapshotId,
  });
  await store.delete(account.name, snapshotId);
  await recordAccepted(log, recordId, undefined);
  return { deleted: snapshotId, recordId };
}

export const snapshotNotFound = (id: string) =>
  new NotFoundError("SnapshotNotFound", `No snapshot ${id} in this account: it was deleted, expired, or the link is wrong.`);
