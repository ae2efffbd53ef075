"use client";

import { useEffect, useRef } from "react";

/**
 * A cell opened from the grid (not from a link) brings its task list into view: at 1280 × 800 the list
 * opens below the fold, and a click seemed to do nothing. A page opened from a link keeps its scroll, with
 * the heatmap in view. `willOpen` marks the next opening as the operator's.
 */
export function useRevealOpenedCell(cellNode: string | null, cellAt: Date | null) {
  const ref = useRef<HTMLDivElement>(null);
  const reveal = useRef(false);
  useEffect(() => {
    if (!reveal.current || !cellNode) return;
    reveal.current = false;
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [cellNode, cellAt]);
  const willOpen = () => {
    reveal.current = true;
  };
  return [ref, willOpen] as const;
}
