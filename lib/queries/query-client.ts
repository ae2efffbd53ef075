import { isServer, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-fetch";

/** 15 s: the refresh an operator expects during an incident, without hammering the account. */
export const REFRESH_MS = 15_000;

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchInterval: (query) => {
          // Back off while Batch throttles us: honour its Retry-After, at least the normal interval.
          const err = query.state.error;
          if (err instanceof ApiError && err.info.kind === "throttled") return Math.max(REFRESH_MS, (err.info.retryAfterSeconds ?? 30) * 1000);
          return REFRESH_MS;
        },
        refetchIntervalInBackground: false,
        retry: (failures, err) => failures < 2 && err instanceof ApiError && (err.info.kind === "network" || err.info.kind === "server"),
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
