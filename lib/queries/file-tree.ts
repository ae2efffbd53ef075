import { queryOptions } from "@tanstack/react-query";
import { api, withQuery } from "@/lib/links/paths";
import { fileListResponse } from "@/lib/schemas/files";
import { apiFetch } from "./api-fetch";

/** Recursive file lists for the viewer's tree (the task page's own list is flat, so the keys differ). */
export const fileTreeQueries = {
  task: (account: string, jobId: string, taskId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "jobs", jobId, "tasks", taskId, "files", "recursive"],
      queryFn: ({ signal }) => apiFetch(withQuery(api.taskFiles(account, jobId, taskId), { recursive: "true" }), fileListResponse, { signal }),
    }),
  node: (account: string, poolId: string, nodeId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "pools", poolId, "nodes", nodeId, "files", "recursive"],
      queryFn: ({ signal }) => apiFetch(withQuery(api.nodeFiles(account, poolId, nodeId), { recursive: "true" }), fileListResponse, { signal }),
    }),
};
