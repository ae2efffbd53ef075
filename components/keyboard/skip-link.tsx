"use client";

import { useState } from "react";
import { focusSkipTarget, pageHasHeatmap } from "./focus-target";

/**
 * The first focusable element of every page: hidden until focused, then shown at the top left. It names
 * where it goes ("Skip to heatmap" on pages with one, else "Skip to content"), read when it gains focus
 * because the heatmap panel appears only once the page has rendered.
 */
export function SkipLink() {
  const [toHeatmap, setToHeatmap] = useState(false);
  return (
    <a
      href="#main"
      data-testid="skip-link"
      onFocus={() => setToHeatmap(pageHasHeatmap())}
      onClick={(e) => {
        e.preventDefault();
        focusSkipTarget();
      }}
      className={
        "sr-only rounded-md bg-blue-700 text-sm font-semibold text-white shadow-lg " +
        "focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:px-3 focus:py-2 focus:outline-2 focus:outline-offset-2 focus:outline-blue-300"
      }
    >
      {toHeatmap ? "Skip to heatmap" : "Skip to content"}
    </a>
  );
}
