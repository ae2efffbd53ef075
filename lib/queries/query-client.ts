import { isServer, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-fetch";
import { nextRefreshMs } from "./refresh";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Visible data refreshes on the operator's interval; hidden tabs stop; throttling backs off.
        refetchInterval: (query) => nextRefreshMs(query.state.error),
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
