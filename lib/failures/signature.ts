import type { FailureSignature, SignatureSource, SignatureTask } from "@/lib/schemas/signatures";
import { compareNatural } from "@/lib/compare-natural";
import { maskLine } from "./signature-mask";

/**
 * Failure signatures (docs/architecture.md, "Failure signatures"): the window's failed tasks grouped by
 * category, failure code, exit code and the masked last meaningful line of their stderr. Only a bounded
 * sample of stderr tails is read; a task not read takes the signature of the tasks read from its group
 * (same category, code, exit code, node and job), and is counted as "not sampled" when none of them was read.
 */

/** A failed task as the signatures need it. */
export interface FailedTask {
  jobId: string;
  taskId: string;
  nodeId?: string;
  endTime: number;
  category: string;
  code?: string;
  exitCode?: number;
}

/** What reading one task's stderr tail gave: its last meaningful line (raw), an empty file, or nothing to read. */
export type Tail = { kind: "line"; line: string } | { kind: "empty" } | { kind: "unavailable" };

/** At most this many of a signature's tasks go in the response: the newest. */
export const TASKS_PER_SIGNATURE = 100;

export const taskKey = (t: { jobId: string; taskId: string }) => `${t.jobId}\u0000${t.taskId}`;

/**
 * A task's group for sampling and for lending a read task's signature: category, code, exit code, node and
 * job. The job is part of it because two jobs failing with exit code 1 on one node rarely fail alike.
 */
export const groupOf = (t: FailedTask) => JSON.stringify([t.category, t.code ?? null, t.exitCode ?? null, t.nodeId ?? null, t.jobId]);

/** A task without an exit code never ran its command (a pre-processing or scheduling failure): it has no stderr. */
export const hasStderr = (t: FailedTask) => t.exitCode !== undefined;

/**
 * The tasks whose stderr is read: at most `max`, newest first, taken round-robin over the groups (each
 * group's newest, then each group's second newest…), so a rare failure on one node is read even beside
 * thousands of a common one.
 */
export function chooseSample(tasks: readonly FailedTask[], max: number): FailedTask[] {
  const groups = new Map<string, FailedTask[]>();
  for (const t of [...tasks].filter(hasStderr).sort(newestFirst)) {
    const g = groupOf(t);
    const list = groups.get(g);
    if (list) list.push(t);
    else groups.set(g, [t]);
  }
  const lists = [...groups.values()];
  const chosen: FailedTask[] = [];
  for (let round = 0; chosen.length < max; round++) {
    let any = false;
    for (const list of lists) {
      const t = list[round];
      if (!t) continue;
      any = true;
      chosen.push(t);
      if (chosen.length === max) break;
    }
    if (!any) break;
  }
  return chosen;
}

const newestFirst = (a: { endTime: number; jobId: string; taskId: string }, b: typeof a) =>
  b.endTime - a.endTime || compareNatural(a.jobId, b.jobId) || compareNatural(a.taskId, b.taskId);

export const LINE_OF: Record<Exclude<SignatureSource, "stderr">, string> = {
  empty: "no stderr output",
  unavailable: "stderr not available",
  notRun: "no stderr: the task did not run its command",
  unsampled: "not sampled",
};

interface Key {
  category: string;
  code?: string;
  exitCode?: number;
  source: SignatureSource;
  line: string;
  example?: string;
}

/** The text a signature's id is a hash of: everything that tells two signatures apart. */
export const signatureText = (k: Key) => JSON.stringify([k.category, k.code ?? null, k.exitCode ?? null, k.source, k.line]);

function keyOf(t: FailedTask, tail: Tail | undefined): Key {
  const base = { category: t.category, ...(t.code !== undefined ? { code: t.code } : {}), ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}) };
  if (!hasStderr(t)) return { ...base, source: "notRun", line: LINE_OF.notRun };
  if (!tail) return { ...base, source: "unsampled", line: LINE_OF.unsampled };
  if (tail.kind === "line") return { ...base, source: "stderr", line: maskLine(tail.line), example: tail.line };
  return { ...base, source: tail.kind, line: LINE_OF[tail.kind] };
}

/** One signature with every one of its tasks (the heatmap filter needs them all; the response keeps the newest). */
export interface SignatureGroup {
  id: string;
  key: Key;
  tasks: FailedTask[];
  sampled: number;
  example?: { line: string; task: FailedTask };
}

/**
 * Groups failed tasks by signature. `tails` holds what was read, by `taskKey`; `idOf` turns a signature's
 * text into its id (a hash, made on the server).
 */
export function groupSignatures(tasks: readonly FailedTask[], tails: ReadonlyMap<string, Tail>, idOf: (text: string) => string): SignatureGroup[] {
  const groups = new Map<string, SignatureGroup>();
  const add = (t: FailedTask, key: Key, sampled: boolean) => {
    const text = signatureText(key);
    let g = groups.get(text);
    if (!g) groups.set(text, (g = { id: idOf(text), key, tasks: [], sampled: 0 }));
    g.tasks.push(t);
    if (sampled) g.sampled++;
    if (key.example !== undefined && (!g.example || t.endTime > g.example.task.endTime)) g.example = { line: key.example, task: t };
  };
  // What the read tasks of each group gave, to lend to the group's tasks that were not read.
  const readByGroup = new Map<string, Map<string, { key: Key; n: number }>>();
  const unread: FailedTask[] = [];
  for (const t of tasks) {
    const tail = tails.get(taskKey(t));
    if (!tail && hasStderr(t)) {
      unread.push(t);
      continue;
    }
    const key = keyOf(t, tail);
    add(t, key, Boolean(tail));
    if (!tail) continue;
    const seen = readByGroup.get(groupOf(t)) ?? new Map<string, { key: Key; n: number }>();
    const text = signatureText(key);
    seen.set(text, { key, n: (seen.get(text)?.n ?? 0) + 1 });
    readByGroup.set(groupOf(t), seen);
  }
  for (const t of unread) {
    const seen = readByGroup.get(groupOf(t));
    const common = seen ? [...seen.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))[0]![1].key : undefined;
    add(t, common ? withoutExample(common) : keyOf(t, undefined), false);
  }
  return [...groups.values()];
}

function withoutExample(k: Key): Key {
  const copy = { ...k };
  delete copy.example;
  return copy;
}

/** Most first by count; ties by first seen, newest first, then by id, so rows never swap on refresh. */
function ranked<T>(counts: Map<T, number>, compare: (a: T, b: T) => number): T[] {
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([k]) => k);
}

/** The latest part of the window a signature must first appear in to be "new": its last quarter. */
export const NEW_PART = 0.25;

/**
 * The response's form of the groups: counts, nodes, jobs, first and last seen, those new in the window's
 * latest part flagged (`window`, the window read), sorted.
 */
export function toSignatures(groups: readonly SignatureGroup[], window: { from: number; to: number }): FailureSignature[] {
  const out = groups.map((g): FailureSignature => {
    const nodes = new Map<string, number>();
    const jobs = new Map<string, number>();
    let firstSeen = Infinity;
    let lastSeen = -Infinity;
    for (const t of g.tasks) {
      if (t.nodeId) nodes.set(t.nodeId, (nodes.get(t.nodeId) ?? 0) + 1);
      jobs.set(t.jobId, (jobs.get(t.jobId) ?? 0) + 1);
      firstSeen = Math.min(firstSeen, t.endTime);
      lastSeen = Math.max(lastSeen, t.endTime);
    }
    const tasks = [...g.tasks].sort(newestFirst).slice(0, TASKS_PER_SIGNATURE).map(toSignatureTask);
    return {
      id: g.id,
      category: g.key.category,
      ...(g.key.code !== undefined ? { code: g.key.code } : {}),
      ...(g.key.exitCode !== undefined ? { exitCode: g.key.exitCode } : {}),
      source: g.key.source,
      line: g.key.line,
      ...(g.example ? { example: g.example.line, exampleTask: toSignatureTask(g.example.task) } : {}),
      count: g.tasks.length,
      sampled: g.sampled,
      nodes: ranked(nodes, compareNatural),
      jobs: ranked(jobs, compareNatural),
      firstSeen,
      lastSeen,
      newest: false,
      tasks,
    };
  });
  // A "not sampled" group says only that nothing was read: however many tasks it holds, the signatures with
  // evidence of their own (a line, a code) are what the operator came for, so they come first.
  const unsampled = (s: FailureSignature) => (s.source === "unsampled" ? 1 : 0);
  out.sort((a, b) => unsampled(a) - unsampled(b) || b.count - a.count || b.firstSeen - a.firstSeen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  flagNew(out, window);
  return out;
}

/**
 * "New": a signature with evidence of its own (a stderr line, or an empty stderr; a "not sampled" or "not
 * available" group is not a failure of its own) whose first task in the window ended in the window's last
 * quarter, beside one that was failing before then. It used to go to the one signature first seen latest,
 * however long ago: on a day's window, a signature 20 hours old was "new". With nothing failing before the
 * last quarter there is nothing for a signature to be new beside, and none is flagged.
 */
function flagNew(signatures: FailureSignature[], window: { from: number; to: number }): void {
  const since = window.to - NEW_PART * (window.to - window.from);
  const real = signatures.filter((s) => s.source === "stderr" || s.source === "empty");
  if (!signatures.some((s) => s.firstSeen < since)) return;
  for (const s of real) if (s.firstSeen >= since) s.newest = true;
}

const toSignatureTask = (t: FailedTask): SignatureTask => ({
  jobId: t.jobId,
  taskId: t.taskId,
  ...(t.nodeId ? { nodeId: t.nodeId } : {}),
  endTime: t.endTime,
});
