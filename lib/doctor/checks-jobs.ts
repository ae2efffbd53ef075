import "server-only";
import { failureSummary } from "@/lib/batch/heatmap-reads";
import { listFiles, readFileSlice, type FileOwner } from "@/lib/batch/files";
import { listJobSchedules } from "@/lib/batch/job-schedules";
import { getJob, listJobs } from "@/lib/batch/jobs";
import { completedTasksInWindow, type ScopeMemory } from "@/lib/batch/scope-tasks";
import { getTask, listTasks } from "@/lib/batch/tasks";
import { serviceWindow } from "@/lib/batch/service-window";
import { taskQuery, windowQuery } from "@/lib/schemas/inputs";
import { jobListQuery } from "@/lib/schemas/jobs";
import { FAILURE_CATEGORIES, type TaskRow } from "@/lib/schemas/tasks";
import { pickFile, pickJob, taskCandidates } from "./pick";
import { count, type Check, type Outcome, type Probe } from "./probe";

/**
 * The reads of the job, task and log pages: each filter shape the task table, the failure summary and the
 * heatmap send, through the functions the routes call, with queries parsed by the routes' schemas.
 */

/** The browser refreshes every 15 s: a refresh asks for the tasks that changed since the last read. */
const REFRESH_AFTER_MS = 15_000;

/** The tasks listed so far; the task looked at closely is the best of them for its files. */
function keepTasks(p: Probe, tasks: TaskRow[]): void {
  p.tasks.push(...tasks);
  p.task = taskCandidates(p.tasks)[0];
}

const taskOwner = (p: Probe): FileOwner => ({ kind: "task", jobId: p.task!.jobId, taskId: p.task!.id });

function taskList(id: string, title: string, query: Record<string, string>, keep?: (p: Probe, tasks: TaskRow[]) => void): Check {
  return {
    id,
    title: (p) => `Tasks of job ${p.job?.id ?? "(none)"}: ${title}`,
    run: async (p) => {
      if (!p.job) return { skip: "the account has no job" };
      const page = await listTasks(p.account, p.job.id, taskQuery.parse(query));
      keep?.(p, page.tasks);
      return { detail: `${count(page.tasks.length, "task")}${page.nextCursor ? " (first page)" : ""}` };
    },
  };
}

export const JOB_CHECKS: Check[] = [
  {
    id: "activeJobs",
    title: () => "Active jobs with task counts (account page)",
    run: async (p) => {
      const { jobs } = await listJobs(p.account, jobListQuery.parse({ state: "active" }));
      p.job = pickJob(jobs);
      return { detail: count(jobs.length, "active job") };
    },
  },
  {
    id: "poolJobs",
    title: (p) => `Jobs of pool ${p.pool?.id ?? "(none)"}`,
    run: async (p) => {
      if (!p.pool) return { skip: "the account has no pool" };
      const { jobs } = await listJobs(p.account, jobListQuery.parse({ poolId: p.pool.id, counts: "false" }));
      p.job ??= jobs[0];
      return { detail: count(jobs.length, "job") };
    },
  },
  {
    id: "jobSchedules",
    title: () => "Job schedules",
    run: async (p) => {
      const { schedules } = await listJobSchedules(p.account);
      return { detail: count(schedules.length, "job schedule") };
    },
  },
  {
    id: "job",
    title: (p) => `Job ${p.job?.id ?? "(none)"}: details and task counts`,
    run: async (p) => {
      if (!p.job) return { skip: "the account has no job" };
      const { job } = await getJob(p.account, p.job.id);
      return { detail: `${job.state}, ${count(job.taskCounts.completed, "completed task")}` };
    },
  },
  {
    id: "jobFailures",
    title: (p) => `Failure summary of job ${p.job?.id ?? "(none)"}, last hour`,
    run: async (p) => {
      if (!p.job) return { skip: "the account has no job" };
      const s = await failureSummary(p.account, { kind: "job", jobId: p.job.id }, windowQuery.parse({ window: "1h" }));
      return { detail: `${count(s.completed, "task")} completed, ${s.failed} failed` };
    },
  },
  { id: "heatmapRefresh", title: (p) => `Heatmap refresh of job ${p.job?.id ?? "(none)"}: tasks changed since the last read`, run: heatmapRefresh },
  taskList("tasks", "first page", {}, keepTasks),
  taskList("tasksByState", "completed", { state: "completed" }, keepTasks),
  taskList("tasksFailedInWindow", "failed in the last hour", { category: FAILURE_CATEGORIES[0], window: "1h" }),
  taskList("tasksByExitCode", "exit code 1", { exitCode: "1" }),
  {
    id: "task",
    title: (p) => `Task ${p.task?.id ?? "(none)"}`,
    run: async (p) => {
      if (!p.task) return { skip: "the job has no completed task" };
      const { task } = await getTask(p.account, p.task.jobId, p.task.id);
      return { detail: `${task.state}${task.exitCode !== undefined ? `, exit code ${task.exitCode}` : ""}` };
    },
  },
  { id: "taskFiles", title: (p) => `Files of task ${p.task?.id ?? "(none)"}`, run: taskFiles },
  {
    id: "taskFileRead",
    title: (p) => `Ranged read (ocp-range) of task file ${p.taskFile?.name ?? "(none)"}`,
    run: async (p) => {
      if (!p.task || !p.taskFile) return { skip: "no task file with content" };
      const slice = await readFileSlice(p.account, taskOwner(p), p.taskFile.name, {});
      return { detail: `bytes ${slice.start}-${slice.start + slice.bytes.length - 1} of ${slice.size}` };
    },
  },
];

/**
 * A live heatmap's second read asks only for tasks whose state changed since the first
 * (stateTransitionTime ge …): the scope read with a memory of a read made one refresh ago.
 */
async function heatmapRefresh(p: Probe): Promise<Outcome> {
  if (!p.job) return { skip: "the account has no job" };
  const window = await serviceWindow(windowQuery.parse({ window: "1h" }), p.client);
  const memory: ScopeMemory = { jobs: new Map([[p.job.id, { tasks: new Map(), syncedAt: window.to - REFRESH_AFTER_MS, from: window.from }]]) };
  const read = await completedTasksInWindow(p.client, { kind: "job", jobId: p.job.id }, window, undefined, memory);
  return { detail: `${count(read.pagesRead, "page")} read` };
}

/**
 * The newest completed tasks, until one still has its files: a task whose node has gone answers 404 or
 * 409 for its files, which says nothing about the account or the credential.
 */
async function taskFiles(p: Probe): Promise<Outcome> {
  const candidates = taskCandidates(p.tasks);
  if (candidates.length === 0) return { skip: "the job has no completed task" };
  let unavailable: string | undefined;
  for (const task of candidates) {
    p.task = task;
    try {
      const { files } = await listFiles(p.account, taskOwner(p), true);
      p.taskFile = pickFile(files);
      return { detail: count(files.length, "entry", "entries") };
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw err;
      unavailable = (err as { code?: string }).code ?? `HTTP ${status}`;
    }
  }
  return { skip: `the files of the newest completed tasks are gone (${unavailable})` };
}
