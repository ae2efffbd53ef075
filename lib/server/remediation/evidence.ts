import "server-only";
import type { Evidence } from "@/lib/schemas/audit";
import type { BatchAccount } from "@/lib/batch/accounts";
import { toApiError } from "@/lib/batch/errors";
import { DEFAULT_TAIL_BYTES, readFileSlice } from "@/lib/batch/files";
import { mapLimit } from "@/lib/batch/map-limit";
import { getNode } from "@/lib/batch/nodes";
import { invalidateReads } from "@/lib/batch/read";
import { poolKeys } from "@/lib/batch/read-keys";
import { redactSecrets } from "@/lib/redact";
import { EVIDENCE_TASKS } from "@/lib/remediation/options";

/**
 * What a reimage or removal is about to wipe: the node as Batch describes it (errors, start task, recent
 * tasks) and the last 64 KiB of stderr.txt of its recently failed tasks. Read fresh, never from the cache:
 * this is the last look anyone gets. Throws when the node itself cannot be read (gone, throttled …); a
 * task's file that cannot be read is noted in its entry instead. The node comes redacted from getNode;
 * stderr is task output, which echoes command lines and connection strings, so it is redacted here by the
 * same rules (lib/redact.ts) before the audit store keeps it. `bytes` stays the size read from the node.
 */
export async function captureEvidence(account: BatchAccount, poolId: string, nodeId: string): Promise<Evidence> {
  invalidateReads(account, [poolKeys.node(poolId, nodeId)]);
  const { node, asOf } = await getNode(account, poolId, nodeId);
  const failed = node.recentTasks.filter((t) => t.outcome === "failed").slice(0, EVIDENCE_TASKS);
  const stderr = await mapLimit(failed, 3, async ({ jobId, taskId }) => {
    try {
      const slice = await readFileSlice(account, { kind: "task", jobId, taskId }, "stderr.txt", { length: DEFAULT_TAIL_BYTES });
      return { jobId, taskId, bytes: slice.size, text: redactSecrets(slice.bytes.toString("utf8")) };
    } catch (err) {
      const e = toApiError(err);
      return { jobId, taskId, bytes: 0, text: "", error: redactSecrets(`${e.code ?? e.kind}: ${e.message}`) };
    }
  });
  return { capturedAt: asOf, node, stderr };
}
