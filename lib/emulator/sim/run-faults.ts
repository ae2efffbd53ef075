import type { OutputEvent } from "../command/interpret";
import type { FailureInfo, NodeRecord } from "../model/types";

/** What a faulty node does to a task run on it: the failureInfo of a full disk, or the run's output cut short. */

const KILLED_EXIT_CODE = 137;

export function diskFull(node: NodeRecord): FailureInfo {
  return {
    category: "ServerError",
    code: "DiskFull",
    message: "The compute node disk ran out of space when downloading the resource files required for the task.",
    details: [{ name: "NodeId", value: node.wire.id }],
  };
}

/** A bad node spoils whatever runs on it: the disk is full, or the kernel kills the process. */
export function applyNodeFault(node: NodeRecord, events: OutputEvent[], durationMs: number, exitCode: number, taskId: string) {
  if (node.fault === "enospc") {
    const at = Math.min(durationMs, 4_000);
    return {
      durationMs: at,
      exitCode: 1,
      events: [
        ...events.filter((e) => e.atMs < at),
        {
          atMs: at,
          stream: "stderr" as const,
          text:
            `Traceback (most recent call last):\n  File "/mnt/batch/tasks/shared/worker.py", line 88, in write_output\n` +
            `    fh.write(chunk)\nOSError: [Errno 28] No space left on device: '/mnt/batch/tasks/workitems/${taskId}/wd/out.part'\n`,
        },
      ],
    };
  }
  if (node.fault === "oom") {
    const at = Math.min(durationMs, 6_000);
    return {
      durationMs: at,
      exitCode: KILLED_EXIT_CODE,
      events: [...events.filter((e) => e.atMs < at), { atMs: at, stream: "stderr" as const, text: "Killed\n" }],
    };
  }
  return { events, durationMs, exitCode };
}
