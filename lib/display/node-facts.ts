import { explainExitCode } from "@/lib/failures/exit-codes";
import { formatDuration, formatTime } from "@/lib/format";
import type { TicketSummary } from "@/lib/links/ticket";
import type { FileEntry } from "@/lib/schemas/files";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";

type NodeDetail = NodeDetailResponse["node"];
type RecentTask = NodeDetail["recentTasks"][number];

/** "for 2h 5m", against the service's clock. */
export function sinceText(iso: string | undefined, nowMs: number): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : `for ${formatDuration(Math.max(0, nowMs - t))}`;
}

/** The start task in one sentence: did it fail, how, and what the exit code means. */
export function startTaskSummary(st: NodeDetail["startTask"]): { failed: boolean; text: string; exitMeaning?: string } {
  if (!st) return { failed: false, text: "This pool has no start task." };
  const exitMeaning = st.exitCode !== undefined ? explainExitCode(st.exitCode) : undefined;
  const failed = st.result === "failure" || st.failureInfo !== undefined;
  if (st.state === "running") return { failed: false, text: "The start task is running: the node takes no tasks until it finishes." };
  const exit = st.exitCode !== undefined ? ` with exit code ${st.exitCode}${exitMeaning ? ` (${exitMeaning})` : ""}` : "";
  const retries = st.retryCount > 0 ? ` after ${st.retryCount} ${st.retryCount === 1 ? "retry" : "retries"}` : "";
  if (failed) return { failed, text: `The start task failed${exit}${retries}; its stderr.txt below says why.`, ...(exitMeaning ? { exitMeaning } : {}) };
  return { failed, text: `The start task succeeded${retries}.`, ...(exitMeaning ? { exitMeaning } : {}) };
}

const FIRST = ["startup/stderr.txt", "startup/stdout.txt"];

/** The node's files an operator opens: the start task's logs first, then the rest by name; no directories. */
export function orderNodeFiles(files: FileEntry[]): FileEntry[] {
  const rank = (f: FileEntry) => {
    const i = FIRST.indexOf(f.name);
    return i === -1 ? FIRST.length : i;
  };
  return files.filter((f) => !f.isDirectory).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export interface StripMark {
  task: RecentTask;
  /** Position from 0 (oldest end time shown) to 1 (asOf). */
  at: number;
}

/** The node's failed recent tasks on a time line from the oldest recent task to now. */
export function failureStrip(tasks: RecentTask[], nowMs: number): { fromMs: number; toMs: number; marks: StripMark[] } {
  const ended = tasks.filter((t) => t.endTime !== undefined && !Number.isNaN(Date.parse(t.endTime)));
  const times = ended.map((t) => Date.parse(t.endTime!));
  const fromMs = times.length ? Math.min(...times) : nowMs;
  const toMs = Math.max(nowMs, ...times);
  const span = toMs - fromMs;
  const marks = ended
    .filter((t) => t.outcome === "failed")
    .map((task) => ({ task, at: span > 0 ? (Date.parse(task.endTime!) - fromMs) / span : 1 }))
    .sort((a, b) => a.at - b.at);
  return { fromMs, toMs, marks };
}

/** The Markdown summary of one node for an incident ticket. */
export function nodeTicket(account: string, node: NodeDetail, asOfMs: number, link: string): TicketSummary {
  const facts: [string, string][] = [
    ["Node", `${node.poolId} / ${node.id}`],
    ["Account", account],
    ["State", `${node.state} ${sinceText(node.stateTransitionTime, asOfMs)} (scheduling ${node.schedulingState})`.trim()],
  ];
  for (const e of node.errors) facts.push(["Node error", `${e.code}: ${e.message}`]);
  const st = startTaskSummary(node.startTask);
  if (st.failed) facts.push(["Start task", `${st.text}${node.startTask?.failureInfo?.code ? ` [${node.startTask.failureInfo.code}]` : ""}`]);
  const failed = node.recentTasks.filter((t) => t.outcome === "failed");
  if (node.recentTasks.length > 0) facts.push(["Recent tasks", `${failed.length} of ${node.recentTasks.length} failed`]);
  facts.push(["As of", formatTime(asOfMs)]);
  return { title: `Node ${node.id} in pool ${node.poolId}: ${node.state}`, link, facts };
}

const NODE_ERROR_HINTS: Record<string, string> = {
  DiskFull:
    "The node's disk is full: tasks cannot write their files or download resources. Remove old task data (shorter retentionTime), then reimage or remove the node.",
  NodeUnusable: "Batch cannot run tasks on this node. Reboot or reimage it; remove it if it comes back unusable.",
  UnusableNode: "Batch cannot run tasks on this node. Reboot or reimage it; remove it if it comes back unusable.",
  AppPackageInstallationFailed: "An application package failed to install on the node: check the package and its version.",
  MountConfigurationError: "A file system the pool mounts could not be mounted: check the mount configuration and its credentials.",
  ContainerImagePullFailed: "The node could not pull a container image the pool prefetches: check the image name and registry credentials.",
};

/** What an operator does about a node error code; undefined for codes we do not know (shown raw anyway). */
export function nodeErrorHint(code: string): string | undefined {
  return NODE_ERROR_HINTS[code];
}
