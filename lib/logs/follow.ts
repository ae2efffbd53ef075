/**
 * When the viewer offers to follow a file (read new bytes as they are written). A file of a running task
 * grows while the task runs: following is offered. A file of a task that ended no longer changes: never.
 * A node's file (startup logs, agent logs) has no task to ask: following is offered once the file has been
 * seen to grow since it was opened. Until the task's state is known nothing is offered, so a finished
 * task's file never shows "Following" for a moment.
 */
export type FollowPolicy = "live" | "ended" | "unknown" | "if-growing";

export function followPolicy(owner: { kind: "task"; state?: string } | { kind: "node" }): FollowPolicy {
  if (owner.kind === "node") return "if-growing";
  if (owner.state === undefined) return "unknown";
  return owner.state === "running" ? "live" : "ended";
}

/** `grew`: a read after the open saw the file larger than it was at the open. */
export function followOffered(policy: FollowPolicy, grew: boolean): boolean {
  return policy === "live" || (policy === "if-growing" && grew);
}

/** Whether to watch the file's size while not following: only where growth would change what is offered. */
export function watchesSize(policy: FollowPolicy, offered: boolean): boolean {
  return policy === "if-growing" && !offered;
}
