import { expect } from "vitest";
import { snapshotResponse } from "@/lib/schemas/snapshots";
import { handlers } from "./route-table";
import { callOk } from "./support";

/**
 * The node's snapshot, taken just before a removal and linked from its audit record, still shows the node
 * and the failed task's stderr after Batch wiped them (docs/snapshots.md).
 */
export async function expectNodeSnapshot(account: string, snapshotId: string | undefined, at: { poolId: string; nodeId: string; jobId: string; note: string }) {
  expect(snapshotId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  const snap = await callOk(handlers.snapshotGET, `/api/accounts/${account}/snapshots/${snapshotId}`, { account, snapshotId: snapshotId! }, snapshotResponse);
  expect(snap.snapshot).toMatchObject({ kind: "node", poolId: at.poolId, nodeId: at.nodeId, note: at.note });
  expect(snap.content.answers[`/api/accounts/${account}/pools/${at.poolId}/nodes/${at.nodeId}`]?.status).toBe(200);
  const tail = snap.content.answers[`/api/accounts/${account}/jobs/${at.jobId}/tasks/fails/files/stderr.txt`];
  expect(Buffer.from(tail!.body, "base64").toString("utf8")).toContain("the scratch disk is full");
}
