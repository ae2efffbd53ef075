"use client";

import type { QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useIsGone } from "@/lib/queries/use-gone";

/**
 * The panels of a page, shown while its main resource loads (they start their reads at the same time,
 * not after it) and hidden once that resource turns out to be gone: the page's header then says so and
 * offers the way back, instead of panels full of errors.
 */
export function UnlessGone({ queryKey, children }: { queryKey: QueryKey; children: ReactNode }) {
  return useIsGone(queryKey) ? null : children;
}
