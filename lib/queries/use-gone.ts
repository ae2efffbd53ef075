"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { errorInfo } from "./api-fetch";

/**
 * Whether the resource read under `queryKey` is gone (Batch answered 404 and nothing was kept from
 * before). Watches the query cache without starting the read: the component that shows the resource
 * owns its fetching; a page uses this to hide the panels of something that no longer exists.
 */
export function useIsGone(queryKey: QueryKey): boolean {
  const cache = useQueryClient().getQueryCache();
  const hash = JSON.stringify(queryKey);
  const snapshot = useCallback(() => {
    const query = cache.find({ queryKey: JSON.parse(hash) as QueryKey, exact: true });
    return query !== undefined && query.state.data === undefined && errorInfo(query.state.error)?.kind === "notFound";
  }, [cache, hash]);
  return useSyncExternalStore(
    useCallback((onChange) => cache.subscribe(onChange), [cache]),
    snapshot,
    () => false,
  );
}
