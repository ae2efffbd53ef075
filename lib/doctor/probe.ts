import "server-only";
import type { BatchAccount } from "@/lib/batch/accounts";
import type { AccountClient } from "@/lib/batch/client";
import type { FileEntry } from "@/lib/schemas/files";
import type { JobSummary } from "@/lib/schemas/jobs";
import type { NodeRow } from "@/lib/schemas/nodes";
import type { PoolSummary } from "@/lib/schemas/pools";
import type { TaskRow } from "@/lib/schemas/tasks";

/** What the checks of one account have found so far: later checks look closer at what earlier ones listed. */
export interface Probe {
  account: BatchAccount;
  client: AccountClient;
  pool?: PoolSummary;
  node?: NodeRow;
  nodeFile?: FileEntry;
  /** Jobs found by the active-jobs list; the pool's jobs are a fallback. */
  job?: JobSummary;
  tasks: TaskRow[];
  task?: TaskRow;
  taskFile?: FileEntry;
}

/** A check either found something to say, or had nothing to read (no pool, no file): skipped, not failed. */
export type Outcome = { detail: string } | { skip: string };

export interface Check {
  id: string;
  /** The title names what the check reads, once earlier checks have chosen it. */
  title(p: Probe): string;
  run(p: Probe): Promise<Outcome>;
}

export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
