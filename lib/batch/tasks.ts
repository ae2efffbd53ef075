import "server-only";
import { BadRequestError } from "@/lib/errors/api-error";
import type { BatchServiceModels } from "@azure/batch";
import { classifyTask } from "@/lib/failures/classify-task";
import { toSignedExitCode } from "@/lib/failures/exit-codes";
import type { TaskQuery } from "@/lib/schemas/inputs";
import { idKey, sameId } from "@/lib/schemas/ids";
import type { Classification, TaskDetail, TaskPage, TaskRow } from "@/lib/schemas/tasks";
import { EXECUTION_RESULTS, TASK_STATES, UPLOAD_CONDITIONS, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import { cachedRead } from "./read";
import { jobKeys } from "./read-keys";
import { resolveQueryWindow } from "./service-window";
import { compact, failureInfo, iso, shownPairs, shownText } from "./to-api";

const TASK_ROW_FIELDS = "id,state,stateTransitionTime,nodeInfo,executionInfo,constraints";
/** Bounds the work one request may do when a server-side filter (node, category) matches rarely. */
const MAX_BATCH_PAGES_PER_REQUEST = 20;

/** A cursor this server did not issue, or for another list: the caller's mistake, a 400. */
export class BadCursorError extends BadRequestError {
  override name = "BadCursorError";
}

/**
 * OData for what Batch can filter itself; node and category are filtered here, after classification.
 * The window is about end times, so the caller passes one only for filters about ended tasks (a category,
 * the completed state, a failed or succeeded outcome) or for "all" (ended in the window, or not ended).
 */
export function taskFilter(q: TaskQuery, window: { from: number; to: number } | undefined): string | undefined {
  const parts: string[] = [];
  if (q.state) parts.push(`state eq '${q.state}'`);
  // Batch stores exit codes as signed 32-bit ints; a Windows code pasted unsigned (3221225786) must still match.
  if (q.exitCode !== undefined) parts.push(`executionInfo/exitCode eq ${toSignedExitCode(q.exitCode)}`);
  // Every category is a failure, so Batch can drop the successes before they cross the wire.
  if (q.category) parts.push("executionInfo/result eq 'failure'");
  if (q.outcome === "failed") parts.push("executionInfo/result eq 'failure'");
  if (q.outcome === "succeeded") parts.push("executionInfo/result eq 'success'");
  if (q.outcome === "running") parts.push("state eq 'running'");
  if (window) {
    const ended = `executionInfo/endTime ge DateTime'${new Date(window.from).toISOString()}' and executionInfo/endTime lt DateTime'${new Date(window.to).toISOString()}'`;
    // "all" in a window: the tasks that ended in it, and every task that has not ended (it is in any window).
    parts.push(q.outcome === "all" && !q.state && !q.category ? `(state ne 'completed' or (${ended}))` : ended);
  }
  return parts.length > 0 ? parts.join(" and ") : undefined;
}

/**
 * One page of a job's tasks. The cursor names the Batch page where this page stopped and how far into it,
 * so the next request resumes exactly there; it is checked to point at this job on this account.
 */
export function listTasks(account: BatchAccount, jobId: string, q: TaskQuery): Promise<TaskPage> {
  // The query's node id keys by case like the job's; the cursor inside it is opaque and must not be folded.
  return cachedRead(account, jobKeys.tasks(jobId, { ...q, ...(q.nodeId ? { nodeId: idKey(q.nodeId) } : {}) }), async (c) => {
    const { client } = c;
    // The cursor first: a forged one is refused before any Batch call. Its link already carries the filter.
    const start = decodeCursor(q.cursor, `${account.url}/jobs/${encodeURIComponent(jobId)}/tasks?`);
    const window = start.link ? undefined : await resolveQueryWindow(q, c);
    const filter = taskFilter(q, window);
    const rows: TaskRow[] = [];
    let link = start.link;
    let skip = start.skip;
    let pagesRead = 0;
    for (;;) {
      const page = link
        ? await client.task.listNext(link)
        : await client.task.list(jobId, { taskListOptions: { select: TASK_ROW_FIELDS, maxResults: 1000, ...(filter ? { filter } : {}) } });
      pagesRead++;
      for (let i = skip; i < page.length; i++) {
        const row = toTaskRow(page[i]!, jobId);
        if (q.nodeId && !sameId(row.nodeId, q.nodeId)) continue;
        if (q.category && row.classification.category !== q.category) continue;
        rows.push(row);
        if (rows.length === q.pageSize) {
          const more = i + 1 < page.length || page.odatanextLink;
          return {
            jobId,
            tasks: rows,
            batchPagesRead: pagesRead,
            ...(more ? { nextCursor: encodeCursor(i + 1 < page.length ? { link, skip: i + 1 } : { link: page.odatanextLink, skip: 0 }) } : {}),
          };
        }
      }
      skip = 0;
      if (!page.odatanextLink) return { jobId, tasks: rows, batchPagesRead: pagesRead };
      link = page.odatanextLink;
      if (pagesRead >= MAX_BATCH_PAGES_PER_REQUEST) return { jobId, tasks: rows, batchPagesRead: pagesRead, nextCursor: encodeCursor({ link, skip: 0 }) };
    }
  });
}

interface Cursor {
  link: string | undefined;
  skip: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.link ?? null, c.skip])).toString("base64url");
}

/**
 * A link compared as Batch reads it: ids in any case, and a scheduled job's colon sent raw or as %3A.
 * Only the colon is decoded, so an encoded slash cannot make a link look like this job's and lead elsewhere.
 */
const linkKey = (link: string) => link.replace(/%3a/gi, ":").toLowerCase();

function decodeCursor(raw: string | undefined, allowedPrefix: string): Cursor {
  if (!raw) return { link: undefined, skip: 0 };
  try {
    const [link, skip] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    // The link is followed with the account's credentials: it must point at this job's task list, nowhere else.
    if (
      (link !== null && (typeof link !== "string" || !linkKey(link).startsWith(linkKey(allowedPrefix)))) ||
      typeof skip !== "number" ||
      !Number.isInteger(skip) ||
      skip < 0 ||
      skip > 1000
    ) {
      throw new BadCursorError("The cursor does not belong to this list.");
    }
    return { link: link ?? undefined, skip };
  } catch (e) {
    if (e instanceof BadCursorError) throw e;
    throw new BadCursorError("The cursor is not one this server issued.");
  }
}

/** The task's classification as the API carries it: Batch's message and details in it redacted, like failureInfo's. */
export function classification(task: BatchServiceModels.CloudTask): Classification {
  const c = classifyTask({ ...task, id: task.id ?? "" });
  return compact({ ...c, message: shownText(c.message), ...(c.details ? { details: shownPairs(c.details) } : {}) }) as Classification;
}

export function toTaskRow(t: BatchServiceModels.CloudTask, jobId: string): TaskRow {
  const e = t.executionInfo;
  return compact({
    id: t.id ?? "",
    jobId,
    state: wireEnum(t.state, TASK_STATES) ?? "active",
    stateTransitionTime: iso(t.stateTransitionTime),
    nodeId: t.nodeInfo?.nodeId,
    poolId: t.nodeInfo?.poolId,
    startTime: iso(e?.startTime),
    endTime: iso(e?.endTime),
    exitCode: wireInteger(e?.exitCode),
    result: wireEnum(e?.result, EXECUTION_RESULTS),
    failureCode: e?.failureInfo?.code,
    retryCount: wireInteger(e?.retryCount) ?? 0,
    requeueCount: wireInteger(e?.requeueCount) ?? 0,
    classification: classification(t),
  });
}

export function getTask(account: BatchAccount, jobId: string, taskId: string): Promise<{ task: TaskDetail }> {
  return cachedRead(account, jobKeys.task(jobId, taskId), async ({ client }) => {
    const t = await client.task.get(jobId, taskId);
    return { task: toTaskDetail(t, jobId) };
  });
}

function toTaskDetail(t: BatchServiceModels.CloudTask, jobId: string): TaskDetail {
  return compact({
    ...toTaskRow(t, jobId),
    displayName: t.displayName,
    creationTime: iso(t.creationTime),
    commandLine: shownText(t.commandLine) ?? "",
    constraints: compact({
      maxWallClockTime: t.constraints?.maxWallClockTime,
      retentionTime: t.constraints?.retentionTime,
      maxTaskRetryCount: wireInteger(t.constraints?.maxTaskRetryCount),
    }),
    requiredSlots: wireInteger(t.requiredSlots) ?? 1,
    resourceFiles: (t.resourceFiles ?? []).map((r) =>
      compact({
        source: shownText(r.httpUrl ?? r.storageContainerUrl ?? (r.autoStorageContainerName ? `auto-storage:${r.autoStorageContainerName}` : ""))!,
        filePath: r.filePath,
      }),
    ),
    outputFiles: (t.outputFiles ?? []).map((o) => ({
      filePattern: o.filePattern,
      destination: shownText(o.destination.container?.containerUrl ?? "")!,
      // Sent as "tasksuccess", returned as "TaskSuccess" (docs/real-service.md).
      uploadCondition: wireEnum(o.uploadOptions?.uploadCondition, UPLOAD_CONDITIONS) ?? "",
    })),
    failureInfo: failureInfo(t.executionInfo?.failureInfo),
    taskRootDirectory: t.nodeInfo?.taskRootDirectory,
  });
}
