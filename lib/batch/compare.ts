import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import { maskLine } from "@/lib/compare/line-diff";
import type { CompareResponse, CompareSide, CompareTail } from "@/lib/schemas/compare";
import { idKey } from "@/lib/schemas/ids";
import { EXECUTION_RESULTS, TASK_STATES, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import { DEFAULT_TAIL_BYTES, readFileSlice } from "./files";
import { cachedRead } from "./read";
import { jobKeys } from "./read-keys";
import { classification } from "./tasks";
import { compact, iso, shownPairs, shownText } from "./to-api";

const CANDIDATE_FIELDS = "id,commandLine,executionInfo";
/** A succeeded task to compare with is looked for among those that ended within a day of the failure. */
const NEAR_MS = 24 * 3_600_000;

const ms = (d: Date | string | undefined) => (d ? new Date(d).getTime() : undefined);

/** The command with its numbers, ids and times masked: two tasks of one job doing the same thing on different inputs share it. */
export const commandShape = (commandLine: string | undefined) => maskLine(commandLine ?? "");

/** The succeeded candidate nearest in end time, preferring the failed task's command shape. */
export function pickSucceeded(
  failed: { commandLine?: string; endTime?: number },
  candidates: readonly { id: string; commandLine?: string; endTime?: number }[],
): { id: string; chosen: "sameShape" | "recent" } | undefined {
  const shape = commandShape(failed.commandLine);
  const at = failed.endTime ?? Date.now();
  const nearest = (list: readonly { id: string; endTime?: number }[]) =>
    [...list].sort((a, b) => Math.abs((a.endTime ?? 0) - at) - Math.abs((b.endTime ?? 0) - at) || a.id.localeCompare(b.id))[0];
  const same = nearest(candidates.filter((c) => commandShape(c.commandLine) === shape));
  if (same) return { id: same.id, chosen: "sameShape" };
  const any = nearest(candidates);
  return any ? { id: any.id, chosen: "recent" } : undefined;
}

async function tail(account: BatchAccount, jobId: string, taskId: string, path: string): Promise<CompareTail> {
  try {
    const s = await readFileSlice(account, { kind: "task", jobId, taskId }, path, { length: DEFAULT_TAIL_BYTES });
    return { path, text: s.bytes.toString("utf8"), start: s.start, size: s.size };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { path, unavailable: message.slice(0, 300) };
  }
}

async function side(account: BatchAccount, jobId: string, t: BatchServiceModels.CloudTask): Promise<CompareSide> {
  const e = t.executionInfo;
  const [start, end, created] = [ms(e?.startTime), ms(e?.endTime), ms(t.creationTime)];
  const [stderr, stdout] = await Promise.all([tail(account, jobId, t.id ?? "", "stderr.txt"), tail(account, jobId, t.id ?? "", "stdout.txt")]);
  return compact({
    id: t.id ?? "",
    state: wireEnum(t.state, TASK_STATES) ?? "active",
    result: wireEnum(e?.result, EXECUTION_RESULTS),
    nodeId: t.nodeInfo?.nodeId,
    poolId: t.nodeInfo?.poolId,
    creationTime: iso(t.creationTime),
    startTime: iso(e?.startTime),
    endTime: iso(e?.endTime),
    durationMs: start !== undefined && end !== undefined ? end - start : undefined,
    waitMs: start !== undefined && created !== undefined ? Math.max(0, start - created) : undefined,
    exitCode: wireInteger(e?.exitCode),
    failureCode: e?.failureInfo?.code,
    category: classification(t).category,
    retryCount: wireInteger(e?.retryCount) ?? 0,
    // Redacted as the task page shows it: command lines and settings may carry keys and SAS tokens.
    commandLine: shownText(t.commandLine) ?? "",
    environment: shownPairs(t.environmentSettings),
    stderr,
    stdout,
  });
}

/** Succeeded tasks that ended within a day of the failure (one Batch page), else any succeeded ones (one page). */
async function candidates(account: BatchAccount, jobId: string, failedEnd: number | undefined) {
  return cachedRead(account, jobKeys.tasks(jobId, { compareCandidates: failedEnd ?? null }), async ({ client }) => {
    const success = "executionInfo/result eq 'success'";
    const near =
      failedEnd === undefined
        ? success
        : `${success} and executionInfo/endTime ge DateTime'${new Date(failedEnd - NEAR_MS).toISOString()}' and executionInfo/endTime le DateTime'${new Date(failedEnd + NEAR_MS).toISOString()}'`;
    const list = (filter: string) => client.task.list(jobId, { taskListOptions: { filter, select: CANDIDATE_FIELDS, maxResults: 1000 } });
    let page = await list(near);
    if (page.length === 0 && near !== success) page = await list(success);
    return {
      tasks: page.map((t) => ({
        id: t.id ?? "",
        ...(t.commandLine ? { commandLine: t.commandLine } : {}),
        ...(ms(t.executionInfo?.endTime) ? { endTime: ms(t.executionInfo?.endTime) } : {}),
      })),
    };
  });
}

/** The compare view's read: both tasks with their timings, command, environment and log tails. */
export async function compareTasks(account: BatchAccount, jobId: string, failedId: string, succeededId: string | undefined): Promise<CompareResponse> {
  return cachedRead(account, jobKeys.task(jobId, `compare|${idKey(failedId)}|${idKey(succeededId ?? "")}`), async ({ client }) => {
    const failedTask = await client.task.get(jobId, failedId);
    let chosen: CompareResponse["chosen"] = "given";
    let otherId = succeededId;
    if (!otherId) {
      const pick = pickSucceeded(
        {
          ...(failedTask.commandLine ? { commandLine: failedTask.commandLine } : {}),
          ...(ms(failedTask.executionInfo?.endTime) ? { endTime: ms(failedTask.executionInfo?.endTime) } : {}),
        },
        (await candidates(account, jobId, ms(failedTask.executionInfo?.endTime))).tasks,
      );
      otherId = pick?.id;
      chosen = pick?.chosen ?? "none";
    }
    const [failed, succeeded] = await Promise.all([
      side(account, jobId, failedTask),
      otherId ? client.task.get(jobId, otherId).then((t) => side(account, jobId, t)) : Promise.resolve(undefined),
    ]);
    return { failed, ...(succeeded ? { succeeded } : {}), chosen };
  });
}
