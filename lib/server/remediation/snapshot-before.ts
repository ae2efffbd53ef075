import "server-only";
import type { SendContext } from "./context";

/**
 * A node snapshot before a reimage or removal (docs/snapshots.md), linked from the node's audit record:
 * the node page as it was, with its recent tasks' stderr. Bounded like the stderr evidence: the first
 * SNAPSHOT_NODES nodes of a request, each within SNAPSHOT_WAIT_MS. A snapshot that fails or is too slow
 * never holds the action back; the record says why there is none.
 */
export const SNAPSHOT_NODES = 5;
export const SNAPSHOT_WAIT_MS = 20_000;

/** Takes a node's snapshot and answers its id: given by the app layer, which owns the read routes. */
export type SnapshotNode = (nodeId: string) => Promise<string>;

export type SnapshotLink = { snapshotId: string } | { snapshotError: string } | Record<string, never>;

export async function snapshotBefore(ctx: SendContext, nodeId: string): Promise<SnapshotLink> {
  if (!ctx.snapshotNode || !ctx.snapshots || ctx.snapshots.left <= 0) return {};
  ctx.snapshots.left--;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not taken within ${SNAPSHOT_WAIT_MS / 1000} s`)), SNAPSHOT_WAIT_MS);
  });
  try {
    return { snapshotId: await Promise.race([ctx.snapshotNode(nodeId), late]) };
  } catch (err) {
    return { snapshotError: `No snapshot of the node was taken (${(err as Error).message}); the action went ahead without it.` };
  } finally {
    clearTimeout(timer);
  }
}
