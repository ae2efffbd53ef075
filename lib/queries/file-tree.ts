import { queryOptions } from "@tanstack/react-query";
import type { OwnerRef } from "@/lib/links/owner";
import { api, withQuery } from "@/lib/links/paths";
import { fileListResponse } from "@/lib/schemas/files";
import { apiFetch } from "./api-fetch";
import { nodeKeys, taskKeys } from "./keys";

/** The recursive file list of a task or a node, for the viewer's tree (the task page's own list is flat, so the keys differ). */
export function fileTreeQuery(owner: OwnerRef) {
  const [queryKey, url]: [readonly string[], string] =
    owner.kind === "task"
      ? [taskKeys.fileTree(owner.account, owner.jobId, owner.taskId), api.taskFiles(owner.account, owner.jobId, owner.taskId)]
      : [nodeKeys.fileTree(owner.account, owner.poolId, owner.nodeId), api.nodeFiles(owner.account, owner.poolId, owner.nodeId)];
  return queryOptions({ queryKey, queryFn: ({ signal }) => apiFetch(withQuery(url, { recursive: "true" }), fileListResponse, { signal }) });
}
