import type { SimClock } from "../clock";
import type { EventQueue } from "../events";
import type { BatchStore } from "../model/store";
import type { StorageModel } from "../storage/store";

/** Simulated durations, in simulated milliseconds. */
export interface Timings {
  nodeCreate: number;
  nodeStart: number;
  reboot: number;
  reimage: number;
  /** From deallocating to deallocated (2025-06-01's deallocate). */
  deallocate: number;
  leavePool: number;
  resourceDownload: number;
  allocation: number;
  /** How long GET taskcounts may lag behind task states; 0 answers live counts. */
  taskCountsRefresh: number;
}

export const DEFAULT_TIMINGS: Timings = {
  nodeCreate: 45_000,
  nodeStart: 30_000,
  reboot: 60_000,
  reimage: 180_000,
  deallocate: 60_000,
  leavePool: 30_000,
  resourceDownload: 2_000,
  allocation: 30_000,
  taskCountsRefresh: 10_000,
};

export interface SimContext {
  store: BatchStore;
  clock: SimClock;
  queue: EventQueue;
  storage: StorageModel;
  timings: Timings;
  now(): number;
  /** Asks for a scheduling pass once the current event or request is done. */
  kick(): void;
}

/** ISO-8601 durations as Batch writes them (PT15M, P7D, P10675199DT2H48M5.4775807S). */
export function parseDuration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m) return undefined;
  const [, d, h, min, s] = m;
  if (d === undefined && h === undefined && min === undefined && s === undefined) return undefined;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}

export const UNLIMITED = "P10675199DT2H48M5.4775807S";
