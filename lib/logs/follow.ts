/**
 * When the viewer offers to follow a file (read new bytes as they are written). A file of a running task
 * grows while the task runs: following is offered at once. Any other file (a task that ended, a task whose
 * state is not known yet, a node's startup or agent log) is followed only once it has been seen to grow
 * since it was opened: its size is asked now and then, and a file of a task that ended hours ago, which
 * never grows, never shows "Following".
 */
/** "frozen": a snapshot's saved bytes, which never grow (docs/snapshots.md). */
export type FollowPolicy = "live" | "if-growing" | "frozen";

export function followPolicy(owner: { kind: "task"; state?: string } | { kind: "node" }): FollowPolicy {
  return owner.kind === "task" && owner.state === "running" ? "live" : "if-growing";
}

/** `grew`: a read after the open saw the file larger than it was at the open. */
export function followOffered(policy: FollowPolicy, grew: boolean): boolean {
  return policy === "live" || (grew && policy !== "frozen");
}

/** Whether to watch the file's size while not following: only where growth would change what is offered. */
export function watchesSize(policy: FollowPolicy, offered: boolean): boolean {
  return policy === "if-growing" && !offered;
}
