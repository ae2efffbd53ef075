import { queryOptions } from "@tanstack/react-query";
import { poolListResponse } from "@/lib/schemas/pools";
import { apiFetch } from "./api-fetch";

export const poolQueries = {
  all: (account: string) => ["accounts", account, "pools"] as const,
  list: (account: string) =>
    queryOptions({
      queryKey: poolQueries.all(account),
      queryFn: ({ signal }) => apiFetch(`/api/accounts/${encodeURIComponent(account)}/pools`, poolListResponse, { signal }),
    }),
};
