"use client";

import { useSyncExternalStore } from "react";
import type { Theme } from "./scale";

const DARK = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(DARK);
  mq.addEventListener("change", onChange);
  return () => mq.removeEventListener("change", onChange);
}

/** The system theme, followed live: the canvas cannot use Tailwind's dark: classes, so it asks. */
export function useTheme(): Theme {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(DARK).matches ? "dark" : "light"),
    () => "light",
  );
}
