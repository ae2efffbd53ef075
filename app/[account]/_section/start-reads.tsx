"use client";

import { usePrefetchQuery } from "@tanstack/react-query";
import { batchQueries } from "@/lib/queries/batch";
import { remediationQueries } from "@/lib/queries/remediation";

/** Reads a panel makes with ids alone, named so a server page can ask for them (functions do not cross to the browser). */
export type EarlyRead =
  | { read: "taskFiles"; account: string; jobId: string; taskId: string }
  | { read: "nodeFiles" | "nodeHistory"; account: string; poolId: string; nodeId: string }
  | { read: "pool"; account: string; poolId: string }
  | { read: "me"; account: string }
  | { read: "scheduleJobs"; account: string; scheduleId: string };

function optionsOf(r: EarlyRead) {
  switch (r.read) {
    case "taskFiles":
      return batchQueries.taskFiles(r.account, r.jobId, r.taskId);
    case "nodeFiles":
      return batchQueries.nodeFiles(r.account, r.poolId, r.nodeId);
    case "nodeHistory":
      return remediationQueries.auditList(r.account, { pool: r.poolId, node: r.nodeId });
    case "pool":
      return batchQueries.pool(r.account, r.poolId);
    case "me":
      return remediationQueries.me(r.account);
    case "scheduleJobs":
      return batchQueries.jobScheduleJobs(r.account, r.scheduleId);
  }
}

function StartRead({ read }: { read: EarlyRead }) {
  // The reads differ in data and key type; prefetching needs neither, only the options as the panel will use them.
  usePrefetchQuery(optionsOf(read) as Parameters<typeof usePrefetchQuery>[0]);
  return null;
}

/**
 * Starts, at once, the reads of panels that sit below a page's main resource but need only the ids in
 * the URL: they load beside the main read instead of after it (no waterfall). Renders nothing.
 */
export function StartReads({ reads }: { reads: EarlyRead[] }) {
  return reads.map((r) => <StartRead key={JSON.stringify(r)} read={r} />);
}
