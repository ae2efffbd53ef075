"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from "react";
import { enterFrozen, leaveFrozen, type FrozenAnswers } from "@/lib/queries/frozen-source";
import type { SnapshotMeta } from "@/lib/schemas/snapshots";

const FrozenContext = createContext<SnapshotMeta | undefined>(undefined);

/** The snapshot being shown, in a frozen view; undefined in a live one. Actions and anything that sends hide on it. */
export function useFrozen(): SnapshotMeta | undefined {
  return useContext(FrozenContext);
}

/** A frozen view's own cache: what it holds never refreshes, and never reaches the live pages' cache. */
function frozenClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, gcTime: Infinity, retry: false, refetchInterval: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    },
  });
}

/**
 * Mounts a snapshot's view: the fetch path answers from its frozen answers (lib/queries/frozen-source.ts)
 * and the view's components read through a QueryClient of their own. The source is put in place while this
 * renders, before any child renders (a child's query may start during its render, or when it subscribes,
 * which happens before this component's effects run), and taken away when it unmounts.
 */
export function FrozenRoot({ snapshot, answers, children }: { snapshot: SnapshotMeta; answers: FrozenAnswers; children: ReactNode }) {
  const [client] = useState(frozenClient);
  enterFrozen(answers);
  useLayoutEffect(() => {
    enterFrozen(answers);
    return () => leaveFrozen(answers);
  }, [answers]);
  return (
    <FrozenContext value={snapshot}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </FrozenContext>
  );
}

/**
 * First child of every live view's body: when the browser leaves a snapshot for a live page, the new page
 * renders (and may start reads) before the snapshot's view unmounts, so the live view takes the frozen
 * source away before its panels render. Renders nothing.
 */
export function LiveSource() {
  const frozen = useFrozen();
  if (!frozen) leaveFrozen();
  return null;
}
