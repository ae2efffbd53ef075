import "server-only";
import type { WindowQuery } from "@/lib/schemas/inputs";
import { resolveWindow, type TimeWindow } from "@/lib/heatmap/window";

/** A query's window against the service clock, or undefined when it names none. */
export function resolveQueryWindow(q: WindowQuery, serviceNowMs: number): TimeWindow | undefined {
  if (q.from === undefined && q.window === undefined) return undefined;
  return resolveWindow(q, serviceNowMs);
}
