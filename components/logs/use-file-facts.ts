"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useFrozen } from "@/components/snapshots/frozen";
import type { OwnerRef } from "@/lib/links/owner";
import { followPolicy, type FollowPolicy } from "@/lib/logs/follow";
import { batchQueries } from "@/lib/queries/batch";
import { fileTreeQuery } from "@/lib/queries/file-tree";
import type { FileListResponse } from "@/lib/schemas/files";

/** Where a task's file ran: what the viewer needs to point at evidence saved when the node was wiped. */
export interface FileTask {
  account: string;
  jobId: string;
  taskId: string;
  poolId?: string;
  nodeId?: string;
}

/**
 * The follow policy of a file (lib/logs/follow.ts): a task's file asks the task's state (the task page's own
 * query, so no extra read when coming from it), and hands back where the task ran. A snapshot's saved bytes
 * never grow: nothing is followed or watched there.
 */
export function useFollowPolicy(owner: OwnerRef | undefined): { policy: FollowPolicy; task?: FileTask } {
  const task = useQuery({
    ...batchQueries.task(owner?.account ?? "", owner?.kind === "task" ? owner.jobId : "", owner?.kind === "task" ? owner.taskId : ""),
    enabled: owner?.kind === "task",
  });
  const frozen = useFrozen() !== undefined;
  if (frozen) return { policy: "frozen" };
  if (!owner) return { policy: "if-growing" };
  if (owner.kind === "node") return { policy: followPolicy({ kind: "node" }) };
  const t = task.data?.task;
  const where: FileTask = {
    account: owner.account,
    jobId: owner.jobId,
    taskId: owner.taskId,
    ...(t?.poolId ? { poolId: t.poolId } : {}),
    ...(t?.nodeId ? { nodeId: t.nodeId } : {}),
  };
  return { policy: followPolicy(t ? { kind: "task", state: t.state } : { kind: "task" }), task: where };
}

/**
 * The tree shows the size the viewer last read: every read of the file answers its current size, and a
 * larger one replaces the tree's (which is otherwise only as fresh as its last list).
 */
export function useTreeSize(owner: OwnerRef | undefined, path: string, size: number | undefined) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!owner || size === undefined) return;
    qc.setQueryData<FileListResponse>(fileTreeQuery(owner).queryKey, (old) => {
      if (!old || !old.files.some((f) => f.name === path && (f.size ?? 0) < size)) return old;
      return { ...old, files: old.files.map((f) => (f.name === path && (f.size ?? 0) < size ? { ...f, size } : f)) };
    });
  }, [qc, owner, path, size]);
}
