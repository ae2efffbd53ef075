"use client";

import { useQueryStates } from "nuqs";
import { useState } from "react";
import { RELATIVE_WINDOWS, WINDOW_DURATION_MS } from "@/lib/heatmap/window";
import { windowParams } from "@/lib/links/view-params";
import { formatTime } from "@/lib/format";
import { useFrozen } from "@/components/snapshots/frozen";
import { Button } from "./button";
import { CustomRange } from "./custom-range";
import { Select } from "./input";

/**
 * The time window, in the URL: a relative span, or an absolute from–to, pinned by a shared link or typed
 * in "Custom range" (both are the from/to parameters, so a custom range is a link like a pinned one).
 */
export function WindowPicker() {
  // A snapshot holds one window only (docs/snapshots.md): another range or "back to live" would find nothing.
  return useFrozen() ? null : <LiveWindowPicker />;
}

function LiveWindowPicker() {
  const [w, setW] = useQueryStates(windowParams);
  /** When the custom range was opened (its "now"), or null when it is closed. */
  const [editing, setEditing] = useState<number | null>(null);
  const pinned = w.from && w.to;
  if (editing !== null) {
    const now = editing;
    const initial = pinned ? { from: w.from!.getTime(), to: w.to!.getTime() } : { from: now - WINDOW_DURATION_MS[w.window], to: now };
    return (
      <CustomRange
        initial={initial}
        onCancel={() => setEditing(null)}
        onApply={(r) => {
          setEditing(null);
          void setW({ from: r.from, to: r.to });
        }}
      />
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {pinned ? (
        <>
          <span data-testid="pinned-window">
            Pinned: {formatTime(w.from!.getTime())} – {formatTime(w.to!.getTime())}
          </span>
          <Button onClick={() => setW({ from: null, to: null })}>Back to live</Button>
        </>
      ) : (
        <>
          <label htmlFor="window" className="text-slate-600 dark:text-slate-300">
            Window
          </label>
          <Select id="window" value={w.window} onChange={(e) => setW({ window: e.target.value as (typeof RELATIVE_WINDOWS)[number] })}>
            {RELATIVE_WINDOWS.map((r) => (
              <option key={r} value={r}>
                last {r}
              </option>
            ))}
          </Select>
        </>
      )}
      <Button variant="ghost" className="py-1" onClick={() => setEditing(Date.now())}>
        {pinned ? "Change range" : "Custom range…"}
      </Button>
    </div>
  );
}

/**
 * This page's URL with the relative window replaced by the absolute window of the data on screen, so the
 * link pasted into a ticket shows the same evidence next week.
 */
export function pinnedLink(window: { from: number; to: number } | undefined): string {
  const url = new URL(location.href);
  if (window) {
    url.searchParams.delete("window");
    url.searchParams.set("from", new Date(window.from).toISOString());
    url.searchParams.set("to", new Date(window.to).toISOString());
  }
  return url.toString();
}
