/**
 * Node faults: what is wrong with nodes whatever their tasks say (start-task failures, unusable or unknown
 * nodes, node errors), and exit codes that only some nodes produce (137 on one node while the rest of the
 * pool fails with 1 is the node's memory, not the job's code). docs/diagnosis.md.
 */
import { explainExitCode } from "@/lib/failures/exit-codes";
import type { Diagnosis } from "@/lib/schemas/failures";
import type { NodeInfo } from "./types";

export type NodeFault = Diagnosis["nodeFaults"][number];

/** States in which a node runs no tasks and needs someone (docs/diagnosis.md, "Unhealthy nodes"). */
export const FAULTY_STATES = ["starttaskfailed", "unusable", "unknown"] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Faults read from the node list alone, one entry per kind, nodes in the list's order. */
export function stateFaults(nodes: readonly NodeInfo[]): NodeFault[] {
  const faults: NodeFault[] = [];
  const startTask = nodes.filter((n) => n.state === "starttaskfailed" || n.startTaskFailed);
  if (startTask.length)
    faults.push({
      kind: "startTask",
      text: `${plural(startTask.length, "node")} failed the start task: Batch runs no tasks on ${startTask.length === 1 ? "it" : "them"}`,
      nodes: startTask.map((n) => n.id),
    });
  for (const state of ["unusable", "unknown"] as const) {
    const hit = nodes.filter((n) => n.state === state);
    if (hit.length)
      faults.push({
        kind: state,
        text:
          state === "unusable" ? `${plural(hit.length, "node")} unusable: they cannot run tasks` : `${plural(hit.length, "node")} unknown: Batch lost contact`,
        nodes: hit.map((n) => n.id),
      });
  }
  const withErrors = nodes.filter((n) => (n.errors?.length ?? 0) > 0);
  if (withErrors.length) {
    const codes = [...new Set(withErrors.flatMap((n) => n.errors ?? []))].slice(0, 3);
    faults.push({ kind: "nodeErrors", text: `${plural(withErrors.length, "node")} report errors (${codes.join(", ")})`, nodes: withErrors.map((n) => n.id) });
  }
  return faults;
}

/** An exit code is a node signal when at least this many failures carry it ... */
export const EXIT_CODE_MIN = 3;
/** ... and at least 80 % of them are on a few nodes, in a window where more nodes failed tasks. */
export const EXIT_CODE_SHARE = 0.8;

/**
 * Exit codes confined to a few nodes: for each code, the fewest nodes that carry 80 % of its failures;
 * a signal when they are "a few" (`few`) and fewer than half the nodes with failures.
 */
export function exitCodeFaults(byNode: Map<string, Map<number | null, number>>, names: Map<string, string>, few: number): NodeFault[] {
  const byCode = new Map<number, Map<string, number>>();
  for (const [node, codes] of byNode)
    for (const [code, count] of codes) {
      if (code === null) continue;
      const m = byCode.get(code) ?? new Map<string, number>();
      m.set(node, count);
      byCode.set(code, m);
    }
  const nodesWithFailures = byNode.size;
  const faults: NodeFault[] = [];
  for (const [code, nodes] of [...byCode].sort((a, b) => a[0] - b[0])) {
    const total = [...nodes.values()].reduce((a, b) => a + b, 0);
    if (total < EXIT_CODE_MIN || nodesWithFailures < 4) continue;
    const sorted = [...nodes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const carriers: string[] = [];
    let carried = 0;
    for (const [node, count] of sorted) {
      if (carried >= EXIT_CODE_SHARE * total) break;
      carriers.push(node);
      carried += count;
    }
    if (carriers.length > few || carriers.length * 2 >= nodesWithFailures) continue;
    const meaning = explainExitCode(code);
    const ids = carriers.map((k) => names.get(k) ?? k);
    faults.push({
      kind: "exitCode",
      text: `Exit code ${code}${meaning ? ` (${meaning})` : ""}: ${carried} of its ${total} failures on ${plural(ids.length, "node")} only (${ids.join(", ")})`,
      nodes: ids,
    });
  }
  return faults;
}
