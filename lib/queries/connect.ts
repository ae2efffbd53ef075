import { queryOptions } from "@tanstack/react-query";
import { api } from "@/lib/links/paths";
import {
  connectResponse,
  nodeUsersResponse,
  removeUserResponse,
  type ConnectRequest,
  type ConnectResponse,
  type RemoveUserRequest,
  type RemoveUserResponse,
} from "@/lib/schemas/connect";
import { apiFetch } from "./api-fetch";
import { nodeKeys } from "./keys";

/** The node's temporary users; under the node's key, so the node page's invalidations reach it. */
export const connectQueries = {
  users: (account: string, poolId: string, nodeId: string) =>
    queryOptions({
      queryKey: nodeKeys.users(account, poolId, nodeId),
      queryFn: ({ signal }) => apiFetch(api.nodeUsers(account, poolId, nodeId), nodeUsersResponse, { signal }),
    }),
};

const json = (method: "POST" | "DELETE", body: unknown): RequestInit => ({
  method,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

/** Creates the user. A password in the answer lives only in this page's memory: never in a query that is refetched, never in the URL. */
export function sendConnect(account: string, poolId: string, nodeId: string, request: ConnectRequest): Promise<ConnectResponse> {
  return apiFetch(api.nodeUsers(account, poolId, nodeId), connectResponse, json("POST", request));
}

export function sendRemoveUser(
  account: string,
  poolId: string,
  nodeId: string,
  userName: string,
  request: RemoveUserRequest = {},
): Promise<RemoveUserResponse> {
  return apiFetch(api.nodeUser(account, poolId, nodeId, userName), removeUserResponse, json("DELETE", request));
}
