/**
 * Which of the diagnosis' named nodes the folded line under the verdict names by id. The verdict's sentence
 * usually names them already ("Nodes a, b and c fail …"): those are not repeated, so the line names only the
 * nodes the sentence does not (a few by id, then "and N more"). Pure, so the rule is unit-tested.
 */
export interface FoldedNodes {
  /** named nodes whose id the sentence holds */
  inText: string[];
  /** the nodes the line names by id */
  shown: string[];
  /** the nodes named neither in the sentence nor by id on the line ("and N more") */
  more: string[];
}

export function foldNodes(nodeIds: readonly string[], text: string, maxShown: number): FoldedNodes {
  const inText = nodeIds.filter((id) => id !== "" && text.includes(id));
  const rest = nodeIds.filter((id) => !inText.includes(id));
  return { inText, shown: rest.slice(0, maxShown), more: rest.slice(maxShown) };
}

/** The words of the folded line before its node ids, and the disclosure's own word. */
export function foldedSummary(f: FoldedNodes): string {
  const total = f.inText.length + f.shown.length + f.more.length;
  if (f.shown.length === 0) return total === 1 ? "Why this node" : `Why these ${total} nodes`;
  const n = f.shown.length + f.more.length;
  const nodes = n === 1 ? "node" : "nodes";
  return f.inText.length > 0 ? `Also ${n} ${nodes}:` : `${n} ${nodes}:`;
}
