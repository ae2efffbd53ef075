import type { PoolTargets } from "@/lib/schemas/remediation";

/**
 * What a removal does to the pool's size, in words the dialog and the server share. Batch's removeNodes
 * lowers the pool's target by each node it removes (docs/real-service.md): the pool does not grow back by
 * itself; only a resize (by hand, or "keep capacity") restores it.
 */

/** The targets a removal leaves: each removed node lowers the target of its kind (dedicated, or Spot/low priority). */
export function targetsAfterRemoval(targets: PoolTargets, nodes: readonly { dedicated?: boolean | undefined }[]): PoolTargets {
  const dedicated = nodes.filter((n) => n.dedicated !== false).length;
  const lowPriority = nodes.length - dedicated;
  return { dedicated: Math.max(0, targets.dedicated - dedicated), lowPriority: Math.max(0, targets.lowPriority - lowPriority) };
}

/** One sentence per target that drops: "The pool's dedicated target drops: 100 → 97." */
export function targetDropLines(before: PoolTargets, after: PoolTargets): string[] {
  const lines: string[] = [];
  if (after.dedicated !== before.dedicated) lines.push(`The pool's dedicated target drops: ${before.dedicated} → ${after.dedicated}.`);
  if (after.lowPriority !== before.lowPriority) lines.push(`The pool's Spot/low-priority target drops: ${before.lowPriority} → ${after.lowPriority}.`);
  return lines;
}

/** The targets in words: "100", or "100 dedicated and 5 Spot/low-priority nodes" when both kinds are used. */
export function targetsText(t: PoolTargets): string {
  if (t.lowPriority === 0) return `${t.dedicated}`;
  if (t.dedicated === 0) return `${t.lowPriority} Spot/low-priority`;
  return `${t.dedicated} dedicated and ${t.lowPriority} Spot/low-priority`;
}

/** The keep-capacity checkbox's label. */
export function keepCapacityLabel(before: PoolTargets): string {
  return `Keep capacity: resize the pool back to ${targetsText(before)} after the removal`;
}

/** What happens to the pool's size, whether keep capacity is ticked or not; never a promise that it grows back by itself. */
export function capacityNote(before: PoolTargets, keep: boolean): string {
  return keep
    ? `Once the removal is done and the pool is steady again, the dashboard resizes it back to ${targetsText(before)}; new nodes are allocated and run the start task. Both steps go to the audit log.`
    : "The pool stays smaller: Batch does not add nodes back by itself. Resize it later, or tick keep capacity.";
}

/**
 * The resize back: the targets from before the removal, never below what the pool has now (it may have been
 * grown meanwhile), or undefined when it already has them.
 */
export function capacityAfterRemoval(before: PoolTargets, now: PoolTargets): PoolTargets | undefined {
  if (now.dedicated >= before.dedicated && now.lowPriority >= before.lowPriority) return undefined;
  return { dedicated: Math.max(before.dedicated, now.dedicated), lowPriority: Math.max(before.lowPriority, now.lowPriority) };
}
