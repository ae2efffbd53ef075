import type { HeatmapRow, HeatmapVerdict } from "./types";

// --- Verdict thresholds -------------------------------------------------------------------------------
//
// The first question in an incident is "bad node or bad job?". A bad node is an outlier: it fails far
// more tasks than a typical node AND a far larger share of what it runs than the rest of the pool. A job
// bug raises every node's failures together, so no node stands out on both counts. Looking for outliers,
// rather than for a set that carries most failures, keeps the common mixed case right: three broken nodes
// on top of a background job bug are named even when the background carries most of the failures.
//
// OUTLIER_FACTOR = 3, OUTLIER_MIN_FAILURES = 3: an outlier failed at least 3× the median node (of those
// that ran tasks) and at least 3 tasks, so one or two unlucky failures on a quiet node never qualify.
export const OUTLIER_FACTOR = 3;
export const OUTLIER_MIN_FAILURES = 3;
//
// CONTRAST_FACTOR = 3: each outlier's failure rate is at least 3× the rate of all the other nodes
// together. Binomial noise between nodes running the same job rarely triples a rate, whereas a broken node
// fails most of what it runs: typically 10× the background or more. Without per-node completed counts,
// failures per node stand in for the rate (right only when nodes ran similar numbers of tasks).
export const CONTRAST_FACTOR = 3;
//
// SIGNIFICANCE = 0.001: and its failures must be improbable at the background rate (binomial upper tail
// below 0.1 %). With a handful of tasks per node, chance alone triples some nodes' rates: 100 nodes running
// 20 tasks each at 6 % give about ten nodes with 3 or more failures. A node failing 13 of 19 tasks where the
// pool fails 7 % has a tail probability below 1e-10.
export const SIGNIFICANCE = 0.001;
//
// FEW_NODES_MIN = 3, FEW_NODES_FRACTION = 0.1: a node verdict names at most max(3, 10 % of the nodes that
// ran tasks). Three lets small pools get a node verdict; 10 % scales it for a bad batch of VMs or a bad
// fault domain in a large pool. More outliers than that is no longer "a few bad nodes".
export const FEW_NODES_MIN = 3;
export const FEW_NODES_FRACTION = 0.1;
//
// MIN_OUTLIER_SHARE = 0.15: the outliers must carry at least 15 % of the failures for the headline to be
// "node problem"; below that, taking them out would change little and the job is the story.
export const MIN_OUTLIER_SHARE = 0.15;
//
// BACKGROUND_SHARE = 0.2: in a node verdict, when the other nodes still carry at least a fifth of the
// failures, the text says so, because removing the bad nodes will not end the incident by itself.
export const BACKGROUND_SHARE = 0.2;

/** The verdict for rows sorted worst first. */
export function judge(rows: readonly HeatmapRow[], totalFailures: number): HeatmapVerdict {
  if (totalFailures <= 0) return { kind: "none", text: "No failed tasks in this window", topNodes: [], topShare: 0 };

  // Nodes that ran tasks: without any completed counts we cannot tell idle nodes from busy ones.
  const haveCounts = rows.some((r) => r.completed !== undefined);
  const active = haveCounts ? rows.filter((r) => r.failures > 0 || (r.completed ?? 0) > 0) : rows.slice();
  const nodesWithFailures = active.filter((r) => r.failures > 0).length;
  const few = Math.max(FEW_NODES_MIN, Math.floor(FEW_NODES_FRACTION * active.length));

  const outliers = findOutliers(active, haveCounts && active.every((r) => r.completed !== undefined));
  const outlierFailures = outliers.reduce((a, r) => a + r.failures, 0);
  const share = outlierFailures / totalFailures;
  if (outliers.length > 0 && outliers.length <= few && outliers.length < active.length && share >= MIN_OUTLIER_SHARE) {
    const k = outliers.length;
    const who = k === 1 ? "1 node accounts" : `${k} nodes account`;
    let text = `${who} for ${percent(share)} of failures: likely a node problem — take ${k === 1 ? "it" : "them"} out of service`;
    const rest = totalFailures - outlierFailures;
    const restNodes = nodesWithFailures - k;
    if (rest > 0 && rest / totalFailures >= BACKGROUND_SHARE) {
      text += `; the other ${percent(rest / totalFailures)} are spread over ${restNodes} ${restNodes === 1 ? "node" : "nodes"} — read their task logs too`;
    }
    return { kind: "concentrated", text, topNodes: outliers.map((r) => r.nodeId), topShare: share };
  }

  // Not a node verdict: still name the worst few so the operator can open them, but no remediation.
  const shown = active.slice(0, Math.min(FEW_NODES_MIN, nodesWithFailures));
  const shownSum = shown.reduce((acc, r) => acc + r.failures, 0);
  return {
    kind: "spread",
    text:
      `Failures are spread over ${nodesWithFailures} of ${active.length} ${active.length === 1 ? "node" : "nodes"}: ` +
      "likely a job problem — read the task logs",
    topNodes: shown.map((r) => r.nodeId),
    topShare: shownSum / totalFailures,
  };
}

/** Nodes far above the median in failures whose failure rate is also far above everyone else's. */
function findOutliers(active: readonly HeatmapRow[], useRates: boolean): HeatmapRow[] {
  const sorted = active.map((r) => r.failures).sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
  const threshold = Math.max(OUTLIER_MIN_FAILURES, OUTLIER_FACTOR * median);
  const candidates = active.filter((r) => r.failures >= threshold);
  if (candidates.length === 0) return [];
  const isCandidate = new Set(candidates);
  const rest = active.filter((r) => !isCandidate.has(r));
  const restFailures = rest.reduce((a, r) => a + r.failures, 0);
  if (useRates) {
    const restRate =
      restFailures /
      Math.max(
        1,
        rest.reduce((a, r) => a + (r.completed ?? 0), 0),
      );
    return candidates.filter((r) => {
      const ran = Math.max(r.failures, r.completed ?? 0);
      return r.failures / ran >= CONTRAST_FACTOR * restRate && binomialTail(r.failures, ran, restRate) < SIGNIFICANCE;
    });
  }
  const restMean = rest.length === 0 ? 0 : restFailures / rest.length;
  return candidates.filter((r) => r.failures >= CONTRAST_FACTOR * restMean && poissonTail(r.failures, restMean) < SIGNIFICANCE);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space so large n cannot underflow. */
export function binomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let below = 0;
  for (let i = 0; i < k; i++) below += Math.exp(-lambda + i * Math.log(lambda) - logFactorial(i));
  return Math.max(0, 1 - below);
}

// log(n!) for every n asked so far, so a tail over thousands of tasks costs a lookup per term.
const logFactorials: number[] = [0, 0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}
const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

function percent(share: number): string {
  // Never round a partial share up to "100%" or a non-zero one down to "0%": both would misstate it.
  const p = Math.round(share * 100);
  if (p >= 100 && share < 1) return "99%";
  if (p <= 0 && share > 0) return "<1%";
  return `${p}%`;
}
