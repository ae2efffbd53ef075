import "server-only";
import { gunzipSync, gzipSync } from "node:zlib";
import { keptWork } from "@/lib/audit/cache";
import type { TimeWindow } from "@/lib/heatmap/window";
import { idKey } from "@/lib/schemas/ids";
import type { BatchAccount } from "./accounts";
import type { CompletedTask, ScopeJob } from "./scope-tasks";

/**
 * The completed tasks of completed jobs, kept in the store's work cache (docs/architecture.md "Store"):
 * a completed job takes no new tasks and its completed tasks do not change, so what was read of it once
 * serves every later read, after a restart and in every other window. One entry per job: the spans of
 * end time read so far and every completed task in them. The key holds the job's creation and end time,
 * so a job deleted and created again under the same id is another entry; a job that is not completed is
 * never kept.
 */
export interface StoredJob {
  /** Spans of executionInfo/endTime whose completed tasks are all in `tasks`, disjoint and in order. */
  covered: TimeWindow[];
  tasks: CompletedTask[];
}

export interface JobStore {
  load(job: ScopeJob): Promise<StoredJob | undefined>;
  save(job: ScopeJob, entry: StoredJob): Promise<void>;
}

/**
 * A task's end time may trail its job's by the time Batch takes to terminate it; past this after the
 * job's end nothing of the job can end, so a window reaching further than that is read no further.
 */
const END_MARGIN_MS = 60_000;

/** The span in which a completed job's tasks can have ended. */
export function jobLife(job: ScopeJob): TimeWindow {
  return { from: job.created ?? Number.MIN_SAFE_INTEGER, to: (job.ended ?? Number.MAX_SAFE_INTEGER) + END_MARGIN_MS };
}

/** `window` less the spans in `covered` (disjoint, in order): what is still to be read. */
export function uncovered(window: TimeWindow, covered: readonly TimeWindow[]): TimeWindow[] {
  const out: TimeWindow[] = [];
  let from = window.from;
  for (const c of covered) {
    if (c.to <= from) continue;
    if (c.from >= window.to) break;
    if (c.from > from) out.push({ from, to: c.from });
    from = Math.max(from, c.to);
  }
  if (from < window.to) out.push({ from, to: window.to });
  return out;
}

/** The union of spans, disjoint and in order (touching spans merged). */
export function union(spans: readonly TimeWindow[]): TimeWindow[] {
  const out: TimeWindow[] = [];
  for (const s of [...spans].filter((x) => x.from < x.to).sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

/** Only a completed job is ever kept, and only with the times its key needs. */
const keyOf = (account: BatchAccount, job: ScopeJob) =>
  job.completed && job.created !== undefined && job.ended !== undefined
    ? `${account.url.toLowerCase()}|${idKey(account.batchAccountName)}|${idKey(job.id)}|${job.created}|${job.ended}`
    : undefined;

/**
 * The account's completed jobs in the store. The store failing (full disk, locked file) costs a read
 * from Batch, never the answer: a load that fails is a miss, a save that fails keeps nothing.
 */
export function completedStore(account: BatchAccount): JobStore {
  return {
    async load(job) {
      const key = keyOf(account, job);
      if (!key) return undefined;
      const buf = await keptWork.get("completed-tasks", key);
      return buf ? decodeJob(buf, job.id) : undefined;
    },
    async save(job, entry) {
      const key = keyOf(account, job);
      if (key) await keptWork.put("completed-tasks", key, encodeJob(entry));
    },
  };
}

/**
 * Columns, not objects: node ids, categories and codes as indexes into lists of the distinct values,
 * end times as differences in ascending order, the job id not at all (it is the key's). gzip then takes
 * most of what is left (the ids' shared prefixes, runs of equal flags); figures in docs/architecture.md.
 */
interface Columns {
  v: 1;
  covered: [number, number][];
  nodes: string[];
  categories: string[];
  codes: string[];
  id: string[];
  node: number[];
  end: number[];
  failed: string;
  category: number[];
  code: number[];
  exit: (number | null)[];
}

export function encodeJob(entry: StoredJob): Buffer {
  const tasks = [...entry.tasks].sort((a, b) => a.endTime - b.endTime);
  const lists = { nodes: new Map<string, number>(), categories: new Map<string, number>(), codes: new Map<string, number>() };
  const index = (m: Map<string, number>, v: string | undefined) => {
    if (v === undefined) return -1;
    let i = m.get(v);
    if (i === undefined) m.set(v, (i = m.size));
    return i;
  };
  const cols: Columns = {
    v: 1,
    covered: entry.covered.map((c) => [c.from, c.to]),
    nodes: [],
    categories: [],
    codes: [],
    id: tasks.map((t) => t.id),
    node: tasks.map((t) => index(lists.nodes, t.nodeId)),
    end: tasks.map((t, i) => t.endTime - (i > 0 ? tasks[i - 1]!.endTime : 0)),
    failed: tasks.map((t) => (t.failed ? "1" : "0")).join(""),
    category: tasks.map((t) => index(lists.categories, t.category)),
    code: tasks.map((t) => index(lists.codes, t.code)),
    exit: tasks.map((t) => t.exitCode ?? null),
  };
  cols.nodes = [...lists.nodes.keys()];
  cols.categories = [...lists.categories.keys()];
  cols.codes = [...lists.codes.keys()];
  return gzipSync(JSON.stringify(cols));
}

/** An entry that cannot be read (another version's, damaged) is a miss: the job is read from Batch again. */
export function decodeJob(buf: Buffer, jobId: string): StoredJob | undefined {
  try {
    const c = JSON.parse(gunzipSync(buf).toString("utf8")) as Columns;
    if (c.v !== 1) return undefined;
    let end = 0;
    const tasks = c.id.map((id, i): CompletedTask => {
      end += c.end[i]!;
      const nodeId = c.nodes[c.node[i]!];
      const category = c.categories[c.category[i]!];
      const code = c.codes[c.code[i]!];
      const exitCode = c.exit[i];
      return {
        jobId,
        id,
        ...(nodeId !== undefined ? { nodeId } : {}),
        endTime: end,
        failed: c.failed[i] === "1",
        ...(category !== undefined ? { category } : {}),
        ...(code !== undefined ? { code } : {}),
        ...(exitCode !== null && exitCode !== undefined ? { exitCode } : {}),
      };
    });
    return { covered: c.covered.map(([from, to]) => ({ from, to })), tasks };
  } catch {
    return undefined;
  }
}
