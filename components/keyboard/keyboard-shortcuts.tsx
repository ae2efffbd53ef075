"use client";

import { useEffect, useState } from "react";
import { focusSearch } from "./focus-target";
import { shortcutFor } from "./shortcut-keys";
import { ShortcutsDialog } from "./shortcuts-dialog";

/**
 * The page-wide shortcuts, mounted once in the root layout: `/` focuses the page's search or filter box
 * (an input opts in with `data-shortcut="search"`), `?` opens the list of shortcuts.
 */
export function KeyboardShortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const shortcut = shortcutFor(e);
      if (shortcut === "help") {
        e.preventDefault();
        setHelpOpen(true);
      } else if (shortcut === "search" && focusSearch()) {
        // Only a page with a search box takes the key; elsewhere `/` keeps its browser meaning (quick find).
        e.preventDefault();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />;
}
