import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, withQuery } from "@/lib/links/paths";
import { snapshotCreated, snapshotListResponse, snapshotResponse } from "@/lib/schemas/snapshots";
import { apiFetch } from "./api-fetch";
import { snapshotKeys } from "./keys";

/** The list's filters, as the route takes them; empty values are left out of the key and the URL. */
export interface SnapshotFilters {
  pool?: string | null;
  job?: string | null;
  author?: string | null;
}

const clean = (f: SnapshotFilters): Record<string, string> => Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => !!e[1]));

export const snapshotQueries = {
  /** A snapshot never changes once taken: read once, never refreshed. */
  one: (account: string, id: string) =>
    queryOptions({
      queryKey: snapshotKeys.one(account, id),
      queryFn: ({ signal }) => apiFetch(api.snapshot(account, id), snapshotResponse, { signal }),
      staleTime: Infinity,
      refetchInterval: false,
      retry: false,
    }),
  /** Newest first, a page at a time (the route's cursor). */
  list: (account: string, filters: SnapshotFilters) =>
    infiniteQueryOptions({
      queryKey: snapshotKeys.list(account, clean(filters)),
      queryFn: ({ signal, pageParam }) =>
        apiFetch(withQuery(api.snapshots(account), { ...clean(filters), cursor: pageParam }), snapshotListResponse, { signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor,
    }),
};

/** Takes a snapshot of a dashboard view (path, query and, for a file, the #L selection) as a same-origin JSON POST. */
export function createSnapshot(account: string, view: string, note: string) {
  return apiFetch(api.snapshots(account), snapshotCreated, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(note.trim() ? { view, note: note.trim() } : { view }),
  });
}
