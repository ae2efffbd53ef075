"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { DEFAULT_REFRESH, REFRESH_CHOICES_MS, refreshStore } from "@/lib/queries/refresh";
import { Button } from "./button";
import { Select } from "./input";
import { useFrozen } from "@/components/snapshots/frozen";

/** Hidden in a snapshot's frozen view, which never refreshes. */
export function RefreshControl() {
  return useFrozen() ? null : <LiveRefreshControl />;
}

/** Refresh every N seconds, or pause: a paused screen says so, so nobody mistakes it for live data. */
function LiveRefreshControl() {
  const settings = useSyncExternalStore(refreshStore.subscribe, refreshStore.get, () => DEFAULT_REFRESH);
  const client = useQueryClient();
  const apply = (next: typeof settings) => {
    refreshStore.set(next);
    // Re-arm every query's timer with the new interval.
    if (!next.paused) void client.refetchQueries({ type: "active" });
  };
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="refresh-interval" className="text-slate-600 dark:text-slate-300">
        Refresh
      </label>
      <Select id="refresh-interval" value={settings.intervalMs} onChange={(e) => apply({ ...settings, intervalMs: Number(e.target.value) })}>
        {REFRESH_CHOICES_MS.map((ms) => (
          <option key={ms} value={ms}>
            every {ms / 1000} s
          </option>
        ))}
      </Select>
      <Button aria-pressed={settings.paused} onClick={() => apply({ ...settings, paused: !settings.paused })}>
        {settings.paused ? "Resume" : "Pause"}
      </Button>
      {settings.paused && <span className="font-medium text-amber-700 dark:text-amber-300">paused</span>}
    </div>
  );
}
