"use client";

import { useEffect } from "react";
import { isTypingTarget } from "@/components/keyboard/shortcut-keys";

/** The cell panel's id; Escape from inside it hands focus back to the grid, which is the panel's opener. */
export const CELL_TASKS_ID = "cell-tasks";

/**
 * Escape closes the opened cell's task list from anywhere on the page, except while typing (Escape
 * clears a search box there) or while a dialog is open (Escape is the dialog's: Radix closes it).
 */
export function useEscapeClosesCell(isOpen: boolean, close: () => void): void {
  useEffect(() => {
    if (!isOpen) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || isTypingTarget(e.target)) return;
      if (document.querySelector('[role="dialog"]') || (e.target instanceof Element && e.target.closest('[role="dialog"]'))) return;
      const fromPanel = e.target instanceof Element && e.target.closest(`#${CELL_TASKS_ID}`) !== null;
      close();
      if (fromPanel) document.querySelector<HTMLElement>('[data-skip-target="heatmap"]')?.focus({ preventScroll: true });
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [isOpen, close]);
}
