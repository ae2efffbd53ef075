import { ApiError } from "./api-fetch";

/** The operator's refresh preference: kept in this browser, not in the URL (a shared link must not pause others). */
export interface RefreshSettings {
  intervalMs: number;
  paused: boolean;
}

export const REFRESH_CHOICES_MS = [5_000, 15_000, 30_000, 60_000] as const;
export const DEFAULT_REFRESH: RefreshSettings = { intervalMs: 15_000, paused: false };
const STORAGE_KEY = "batchscope.refresh";

let current: RefreshSettings = DEFAULT_REFRESH;
const listeners = new Set<() => void>();

export const refreshStore = {
  get: (): RefreshSettings => current,
  set(next: RefreshSettings): void {
    current = next;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // private mode: the preference lasts for this page only
    }
    for (const l of listeners) l();
  },
  load(): void {
    try {
      const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<RefreshSettings> | null;
      if (raw && REFRESH_CHOICES_MS.includes(raw.intervalMs as (typeof REFRESH_CHOICES_MS)[number]))
        current = { intervalMs: raw.intervalMs!, paused: raw.paused === true };
    } catch {
      current = DEFAULT_REFRESH;
    }
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** How long until the next refresh of a query: paused, the operator's interval, or Batch's Retry-After. */
export function nextRefreshMs(error: unknown): number | false {
  const s = current;
  if (s.paused) return false;
  if (error instanceof ApiError && error.info.kind === "throttled") return Math.max(s.intervalMs, (error.info.retryAfterSeconds ?? 30) * 1000);
  return s.intervalMs;
}
