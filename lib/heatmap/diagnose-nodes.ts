/**
 * Which nodes are bad: per-node failure counts against what the rest of the pool's rates predict for the
 * very tasks the node ran (job by job), with a test that holds for 2 tasks as well as for 2,000. The rule
 * and its thresholds are written down, with the reasons, in docs/diagnosis.md.
 */
import { logChoose, poissonTail } from "./stats";

/** Family-wise error rate: the chance of naming any healthy node in a window, at most 1 %. */
export const ALPHA = 0.01;
/** A named node fails at least 3× what the rest of the pool's rates predict for its tasks. */
export const CONTRAST = 3;
/** A node that joins a group on the group's evidence failed at least half of what it ran. */
export const MOSTLY = 0.5;
/** ... and is itself unlikely at the background rates (uncorrected), so noise cannot ride along. */
export const NOMINAL = 0.05;
/** "A few nodes": at most max(3, 10 % of the nodes that ran tasks); more is not a bad-node story. */
export const FEW_NODES_MIN = 3;
export const FEW_NODES_FRACTION = 0.1;

export interface JobCount {
  failures: number;
  completed: number;
}

/** One node that ran (or failed) tasks in the window, its counts split by job. */
export interface NodeStat {
  key: string;
  failures: number;
  completed: number;
  jobs: Map<string, JobCount>;
}

export interface BadNode {
  stat: NodeStat;
  /** failures the rest of the pool's rates predict for this node's tasks */
  expected: number;
  /** P(at least this many failures | background rates), uncorrected */
  p: number;
}

export const fewNodes = (active: number) => Math.max(FEW_NODES_MIN, Math.floor(FEW_NODES_FRACTION * active));

function sumJobs(nodes: Iterable<NodeStat>): Map<string, JobCount> {
  const out = new Map<string, JobCount>();
  for (const n of nodes)
    for (const [j, c] of n.jobs) {
      const t = out.get(j) ?? { failures: 0, completed: 0 };
      t.failures += c.failures;
      t.completed += c.completed;
      out.set(j, t);
    }
  return out;
}

/**
 * Failures expected on `node` if it failed each job's tasks at that job's rate on the other nodes (all
 * nodes outside `excluded` and the node itself). Laplace's (f + 1) / (n + 2) keeps a job that failed
 * nowhere else from predicting exactly zero, which would make any single failure infinitely surprising.
 */
function expectedFailures(node: NodeStat, totals: Map<string, JobCount>, excluded: Map<string, JobCount>, inExcluded: boolean): number {
  let lambda = 0;
  for (const [j, c] of node.jobs) {
    const t = totals.get(j)!;
    const x = excluded.get(j) ?? { failures: 0, completed: 0 };
    const restF = t.failures - x.failures - (inExcluded ? 0 : c.failures);
    const restN = t.completed - x.completed - (inExcluded ? 0 : c.completed);
    lambda += c.completed * ((Math.max(0, restF) + 1) / (Math.max(0, restN) + 2));
  }
  return lambda;
}

/**
 * The bad nodes, best evidence first. A node is named on its own evidence when its failures are
 * improbable at the background rates even after correcting for having looked at every node (Bonferroni:
 * p × nodes < ALPHA). Nodes with too few tasks to pass that alone (2 of 2 failed) are named together when
 * each failed most of what it ran and the set's failures are improbable even after correcting for every
 * set of that size that could have been picked (p × C(nodes, k) < ALPHA). Twice round, so the background
 * is measured without the nodes already found.
 */
export function findBadNodes(active: readonly NodeStat[]): BadNode[] {
  const m = active.length;
  if (m < 2) return [];
  const totals = sumJobs(active);
  let named: BadNode[] = [];
  for (let round = 0; round < 2; round++) {
    const inSet = new Set(named.map((b) => b.stat.key));
    const excluded = sumJobs(named.map((b) => b.stat));
    const strong: BadNode[] = [];
    const weak: BadNode[] = [];
    for (const node of active) {
      if (node.failures === 0) continue;
      const expected = expectedFailures(node, totals, excluded, inSet.has(node.key));
      if (node.failures < CONTRAST * expected) continue;
      const p = poissonTail(node.failures, expected);
      if (p * m < ALPHA) strong.push({ stat: node, expected, p });
      else if (node.failures >= MOSTLY * node.completed && p < NOMINAL) weak.push({ stat: node, expected, p });
    }
    let next = strong;
    if (weak.length > 0) {
      const group = [...strong, ...weak];
      // The group's expectation comes from the nodes outside it: its own failures are not background.
      const outside = sumJobs(group.map((b) => b.stat));
      const f = group.reduce((a, b) => a + b.stat.failures, 0);
      const lambda = group.reduce((a, b) => a + expectedFailures(b.stat, totals, outside, true), 0);
      if (Math.log(poissonTail(f, lambda)) + logChoose(m, group.length) < Math.log(ALPHA)) next = group;
    }
    named = next.sort((a, b) => a.p - b.p || b.stat.failures - a.stat.failures);
  }
  return named.length <= fewNodes(m) && named.length < m ? named : [];
}
