import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { processShared } from "./process-shared";

/**
 * Reads a page's first paint waits for (the heatmap's first answer: the failed tasks and the pool's node
 * list) take the account's next free read slot ahead of any read that queued before them: when the page
 * hydrates it starts its other panels' reads (nodes, health), whose pages would otherwise hold the queue the
 * first answer's later pages join (docs/diagnosis.md "Failures first"). One store per process: the request
 * policy that asks it was made by whichever bundle first made the account's client (process-shared.ts).
 */
const urgent = processShared("UrgentReads", () => new AsyncLocalStorage<true>());

/** Runs `read` with every Batch read it makes, to its last page, marked urgent. */
export function urgently<T>(read: () => Promise<T>): Promise<T> {
  return urgent.run(true, read);
}

/** Whether the Batch call being sent was made inside `urgently`. */
export function isUrgent(): boolean {
  return urgent.getStore() === true;
}
