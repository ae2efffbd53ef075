import type { FileEntry } from "@/lib/schemas/files";
import type { JobSummary } from "@/lib/schemas/jobs";
import type { NodeRow } from "@/lib/schemas/nodes";
import type { PoolSummary } from "@/lib/schemas/pools";
import type { TaskRow } from "@/lib/schemas/tasks";

/**
 * Which pool, node, job, task and file the doctor looks at more closely: the ones most likely to have
 * something to read (nodes, tasks, files), so the checks exercise every read rather than skip it.
 */
const nodeCount = (p: PoolSummary) => p.dedicated.current + p.lowPriority.current;

export function pickPool(pools: readonly PoolSummary[]): PoolSummary | undefined {
  return [...pools].sort((a, b) => nodeCount(b) - nodeCount(a))[0];
}

/** A node that is up answers its file list; one that is starting or gone does not. */
const NODE_PREFERENCE = ["idle", "running", "starttaskfailed", "offline", "unusable"];

export function pickNode(nodes: readonly NodeRow[]): NodeRow | undefined {
  const rank = (n: NodeRow) => {
    const i = NODE_PREFERENCE.indexOf(n.state.toLowerCase());
    return i === -1 ? NODE_PREFERENCE.length : i;
  };
  return [...nodes].sort((a, b) => rank(a) - rank(b))[0];
}

const completed = (j: JobSummary) => j.taskCounts?.completed ?? 0;

export function pickJob(jobs: readonly JobSummary[]): JobSummary | undefined {
  return [...jobs].sort((a, b) => completed(b) - completed(a) || (b.taskCounts?.running ?? 0) - (a.taskCounts?.running ?? 0))[0];
}

/**
 * Tasks whose files are worth asking for, best first: completed on a node, most recent first (an older
 * task's node may have been removed, taking its files). A few, not all: each costs a call.
 */
export function taskCandidates(tasks: readonly TaskRow[], max = 3): TaskRow[] {
  const end = (t: TaskRow) => (t.endTime ? Date.parse(t.endTime) : 0);
  const unique = [...new Map(tasks.map((t) => [t.id, t])).values()];
  return unique
    .filter((t) => t.nodeId)
    .sort((a, b) => Number(b.state === "completed") - Number(a.state === "completed") || end(b) - end(a))
    .slice(0, max);
}

/** A file with bytes in it, the logs an operator opens first preferred. */
export function pickFile(files: readonly FileEntry[]): FileEntry | undefined {
  const rank = (f: FileEntry) => (/(^|\/)stderr\.txt$/i.test(f.name) ? 0 : /(^|\/)stdout\.txt$/i.test(f.name) ? 1 : /\.(txt|log)$/i.test(f.name) ? 2 : 3);
  return files.filter((f) => !f.isDirectory && (f.size ?? 0) > 0).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
}
