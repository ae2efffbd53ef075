import "server-only";
import { createHash } from "node:crypto";
import { chooseSample, groupSignatures, taskKey, toSignatures, type FailedTask, type SignatureGroup, type Tail } from "@/lib/failures/signature";
import { lastMeaningfulLine } from "@/lib/failures/signature-mask";
import type { WindowQuery } from "@/lib/schemas/inputs";
import type { SignaturesResponse } from "@/lib/schemas/signatures";
import { wireNumber } from "@/lib/schemas/wire-values";
import { redactSecrets } from "@/lib/redact";
import type { BatchAccount } from "./accounts";
import type { AccountClient } from "./client";
import { fetchRange } from "./files";
import { scopeFailures, scopeReadKey, scopeTasks } from "./heatmap-reads";
import { mapLimit } from "./map-limit";
import { cachedRead, readState } from "./read";
import { signatureKeys } from "./read-keys";
import type { CompletedTask, Scope } from "./scope-tasks";

/** Failed tasks whose stderr is read per signatures read, at most (docs/architecture.md, "Failure signatures"). */
export const SAMPLE_LIMIT = 200;
/** The end of stderr.txt read per task: enough for a traceback's last frames and its exception line. */
export const TAIL_BYTES = 4 * 1024;
/**
 * Tails read at once: each is two calls (size, then range), so 6 keep 6 of the account's 8 read slots busy
 * at most and leave room for the page's other reads (docs/architecture.md, "Long reads, limits and the cache").
 */
const TAIL_CONCURRENCY = 6;
/** A completed task's tail does not change while its end time stays (the key holds it): keep it half an hour. */
const TAIL_TTL_MS = 30 * 60_000;
const STDERR = "stderr.txt";

/** A signature's id: a short hash of its text, stable across refreshes and servers. */
export const signatureIdOf = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 10);

const toFailed = (t: CompletedTask): FailedTask => ({
  jobId: t.jobId,
  taskId: t.id,
  ...(t.nodeId ? { nodeId: t.nodeId } : {}),
  endTime: t.endTime,
  category: t.category ?? "Unknown",
  ...(t.code !== undefined ? { code: t.code } : {}),
  ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}),
});

/** A read that failed for a reason that may pass (throttling, a timeout): said as unavailable, never kept. */
class PassingFailure extends Error {}

/**
 * The last meaningful line of one task's stderr: its size (HEAD), then its last few KiB (one ranged GET).
 * Gone files (node removed, task files deleted: 404, 409) are kept as unavailable; other failures are not kept.
 */
async function readTail(account: BatchAccount, t: FailedTask): Promise<Tail> {
  try {
    const { tail } = await cachedRead(
      account,
      signatureKeys.stderrTail(t.jobId, t.taskId, t.endTime),
      async ({ client }: AccountClient) => ({ tail: await fetchTail(client, t) }),
      TAIL_TTL_MS,
    );
    return tail;
  } catch {
    return { kind: "unavailable" };
  }
}

async function fetchTail(client: AccountClient["client"], t: FailedTask): Promise<Tail> {
  const owner = { kind: "task", jobId: t.jobId, taskId: t.taskId } as const;
  try {
    const props = await client.file.getPropertiesFromTask(t.jobId, t.taskId, STDERR);
    const size = wireNumber(props.contentLength) ?? 0;
    if (size === 0) return { kind: "empty" };
    const start = Math.max(0, size - TAIL_BYTES);
    let text = (await fetchRange(client, owner, STDERR, start, size - 1)).toString("utf8");
    // A tail that starts mid-file starts mid-line: that first piece is not a line of its own.
    if (start > 0) text = text.slice(text.indexOf("\n") + 1);
    const line = lastMeaningfulLine(text);
    return line === undefined ? { kind: "empty" } : { kind: "line", line: redactSecrets(line) };
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404 || status === 409 || status === 410) return { kind: "unavailable" };
    throw new PassingFailure(String(status ?? "network"));
  }
}

/**
 * The scope's failed tasks in the window, the sample read and their signatures (every task of each kept).
 * Only failures are needed: read from the failed tasks alone (a page or so per job) unless every completed
 * task is kept already, so the panel neither waits for nor starts the full read (docs/diagnosis.md).
 */
export async function signatureGroups(account: BatchAccount, scope: Scope, w: WindowQuery) {
  const data = readState(account, scopeReadKey(scope, w)) === "kept" ? await scopeTasks(account, scope, w) : await scopeFailures(account, scope, w);
  const failed = data.tasks.filter((t) => t.failed).map(toFailed);
  const sample = chooseSample(failed, SAMPLE_LIMIT);
  const read = await mapLimit(sample, TAIL_CONCURRENCY, (t) => readTail(account, t));
  const tails = new Map(sample.map((t, i) => [taskKey(t), read[i]!]));
  return { data, failed, sampled: sample.length, groups: groupSignatures(failed, tails, signatureIdOf) };
}

export async function failureSignatures(account: BatchAccount, scope: Scope, w: WindowQuery): Promise<SignaturesResponse> {
  const { data, failed, sampled, groups } = await signatureGroups(account, scope, w);
  return {
    asOf: data.asOf,
    window: data.window,
    failed: failed.length,
    sampled,
    sampleLimit: SAMPLE_LIMIT,
    ...(data.poolId ? { poolId: data.poolId } : {}),
    signatures: toSignatures(groups, data.window),
  };
}

/**
 * What the heatmap keeps when filtered by a signature: only that signature's failed tasks. An id not among
 * the window's signatures keeps none (the signature has no task in this window).
 */
export async function signatureFilter(account: BatchAccount, scope: Scope, w: WindowQuery, id: string | undefined) {
  if (id === undefined) return undefined;
  const { groups } = await signatureGroups(account, scope, w);
  const group: SignatureGroup | undefined = groups.find((g) => g.id === id);
  const keys = new Set(group?.tasks.map(taskKey));
  return (t: CompletedTask) => keys.has(taskKey({ jobId: t.jobId, taskId: t.id }));
}
