/**
 * Batch ids are case-insensitive and case-preserving: `Pool1` and `pool1` name the same pool, and a task's
 * `nodeInfo.nodeId` may spell a node differently from the node list (docs/real-service.md). Anything that
 * keys, groups or compares by id goes through these, so one node never becomes two.
 */

/** The form an id is keyed by: cache keys, map keys, grouping. Never shown; show the id as Batch spells it. */
export const idKey = (id: string): string => id.toLowerCase();

/** Whether two ids name the same Batch object. */
export const sameId = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && idKey(a) === idKey(b);

/** The ids without repeats by case, each kept in its first spelling, in order. */
export function uniqueIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const k = idKey(id);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
