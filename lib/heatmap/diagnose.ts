/**
 * The diagnosis of a pool's (or a job's) failures: bad node, bad job, both, or too few failures to tell.
 * One computation, from the same counts the heatmap draws, that every number and word on the page is read
 * from. The rule, its thresholds and why: docs/diagnosis.md.
 */
import { idKey } from "@/lib/schemas/ids";
import type { Diagnosis, DiagnosisNode } from "@/lib/schemas/failures";
import { findBadNodes, FEW_NODES_MIN, fewNodes, type BadNode, type JobCount, type NodeStat } from "./diagnose-nodes";
import { standingOut, type HealthyTotals } from "./diagnose-jobs";
import { diagnosisWords, type Background, type JobSplit } from "./diagnose-words";
import { exitCodeFaults, FAULTY_STATES, stateFaults } from "./node-faults";
import type { HeatmapRow, NodeInfo } from "./types";

export interface DiagnosisPoint {
  nodeId: string;
  jobId?: string;
  exitCode?: number;
}

export interface DiagnosisInput {
  /** every row of the heatmap (today's nodes and gone ones), with failures and completed counts */
  rows: readonly HeatmapRow[];
  /** the window's failed tasks that ran on a node */
  failures: readonly DiagnosisPoint[];
  /** completed tasks (success and failure) per job, per node id (any case) */
  completedByJobNode?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** today's nodes, with their states and faults */
  nodes: readonly NodeInfo[];
}

/** A job is a job problem when, outside the bad nodes, it failed at least this many tasks ... */
export const JOB_MIN_FAILURES = 5;
/** ... on more than "a few" of the nodes that ran it (max(3, 10 %), as for bad nodes): fewer could be bad nodes too weak to name ... */
export const JOB_MIN_NODES = FEW_NODES_MIN;
/** ... at a rate of at least 2 % of what it ran there (below that it is background noise). */
export const JOB_MIN_RATE = 0.02;

const ANY_JOB = "";

function handledOf(row: HeatmapRow): DiagnosisNode["handled"] {
  if (row.gone || row.state === "leavingpool") return "removed";
  // Disabling scheduling turns an idle node "offline": name the operator's act, not its consequence.
  if (row.schedulingState === "disabled") return "disabled";
  if (row.state === "unusable") return "unusable";
  if (row.state === "starttaskfailed") return "starttaskfailed";
  if (row.state === "offline") return "offline";
  return undefined;
}

const byCountThenKey = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1));

/** Per-node counts by job and by exit code, from the failed points and the completed counts. */
function nodeStats(input: DiagnosisInput) {
  const stats = new Map<string, NodeStat>();
  const exitCodes = new Map<string, Map<number | null, number>>();
  const names = new Map<string, string>();
  const byJob = !!input.completedByJobNode;
  for (const row of input.rows) {
    const key = idKey(row.nodeId);
    names.set(key, row.nodeId);
    const completed = Math.max(row.completed ?? row.failures, row.failures);
    stats.set(key, { key, failures: row.failures, completed, jobs: new Map(byJob ? [] : [[ANY_JOB, { failures: row.failures, completed }]]) });
  }
  const statOf = (key: string): NodeStat => {
    let s = stats.get(key);
    if (!s) stats.set(key, (s = { key, failures: 0, completed: 0, jobs: new Map() }));
    return s;
  };
  if (input.completedByJobNode)
    for (const [job, perNode] of input.completedByJobNode)
      for (const [node, n] of perNode) {
        const jobs = statOf(idKey(node)).jobs;
        const c = jobs.get(job) ?? { failures: 0, completed: 0 };
        c.completed += n;
        jobs.set(job, c);
      }
  for (const p of input.failures) {
    const key = idKey(p.nodeId);
    const codes = exitCodes.get(key) ?? new Map<number | null, number>();
    codes.set(p.exitCode ?? null, (codes.get(p.exitCode ?? null) ?? 0) + 1);
    exitCodes.set(key, codes);
    if (!byJob) continue;
    const jobs = statOf(key).jobs;
    const c = jobs.get(p.jobId ?? ANY_JOB) ?? { failures: 0, completed: 0 };
    c.failures++;
    jobs.set(p.jobId ?? ANY_JOB, c);
  }
  // Two listings taken moments apart can disagree: a failure is always a completed task.
  for (const s of stats.values()) for (const c of s.jobs.values()) c.completed = Math.max(c.completed, c.failures);
  return { stats, exitCodes, names };
}

/** Each job's failures, and how many of them fell outside the bad nodes. */
function jobSplit(input: DiagnosisInput, stats: Map<string, NodeStat>, bad: Set<string>): JobSplit[] {
  const jobs = new Map<string, JobSplit>();
  const jobNodes = new Map<string, { all: Set<string>; elsewhere: Set<string> }>();
  for (const p of input.failures) {
    const id = p.jobId ?? ANY_JOB;
    if (id === ANY_JOB) continue;
    const key = idKey(p.nodeId);
    const j = jobs.get(id) ?? { jobId: id, failures: 0, completed: 0, nodesWithFailures: 0, failuresElsewhere: 0, completedElsewhere: 0, nodesElsewhere: 0 };
    const ns = jobNodes.get(id) ?? { all: new Set(), elsewhere: new Set() };
    j.failures++;
    ns.all.add(key);
    if (!bad.has(key)) {
      j.failuresElsewhere++;
      ns.elsewhere.add(key);
    }
    jobs.set(id, j);
    jobNodes.set(id, ns);
  }
  for (const [id, j] of jobs) {
    for (const [key, s] of stats) {
      const c: JobCount | undefined = s.jobs.get(id);
      if (!c) continue;
      j.completed += c.completed;
      if (!bad.has(key)) j.completedElsewhere += c.completed;
    }
    j.completed = Math.max(j.completed, j.failures);
    j.completedElsewhere = Math.max(j.completedElsewhere, j.failuresElsewhere);
    j.nodesWithFailures = jobNodes.get(id)!.all.size;
    j.nodesElsewhere = jobNodes.get(id)!.elsewhere.size;
    const ranIt = [...stats.values()].filter((s) => (s.jobs.get(id)?.completed ?? 0) > 0).length;
    j.broad =
      j.failuresElsewhere >= JOB_MIN_FAILURES &&
      j.nodesElsewhere > Math.max(JOB_MIN_NODES - 1, fewNodes(ranIt)) &&
      j.failuresElsewhere >= JOB_MIN_RATE * j.completedElsewhere;
  }
  return [...jobs.values()].sort((a, b) => b.failures - a.failures || (a.jobId < b.jobId ? -1 : 1));
}

/** Every job's tasks on the healthy nodes (outside `bad`), failed or not. */
function healthyTotals(stats: Map<string, NodeStat>, bad: Set<string>): HealthyTotals {
  const ran = new Set<string>();
  let failures = 0;
  let completed = 0;
  for (const [key, s] of stats) {
    if (bad.has(key)) continue;
    for (const [job, c] of s.jobs) {
      if (job === ANY_JOB || c.completed === 0) continue;
      ran.add(job);
      failures += c.failures;
      completed += c.completed;
    }
  }
  return { jobsRan: ran.size, failures, completed };
}

/**
 * Keeps `broad` only on the jobs that fail on healthy nodes clearly more than the others (diagnose-jobs.ts);
 * when some fail broadly and none stands out, that is the pool's background rate, said once.
 */
function jobProblems(jobs: JobSplit[], totals: HealthyTotals): Background | undefined {
  const broad = jobs.filter((j) => j.broad);
  const standouts = new Set(standingOut(broad, totals));
  for (const j of jobs) j.broad = standouts.has(j);
  if (broad.length === 0 || standouts.size > 0) return undefined;
  return { rate: totals.failures / Math.max(1, totals.completed), jobs: broad.length, jobsRan: totals.jobsRan };
}

function namedNode(b: BadNode, row: HeatmapRow | undefined, name: string, codes: Map<number | null, number> | undefined, restRate: number): DiagnosisNode {
  const s = b.stat;
  const jobs = byCountThenKey(new Map([...s.jobs].filter(([j, c]) => j !== ANY_JOB && c.failures > 0).map(([j, c]) => [j, c.failures])));
  const exitCodes = byCountThenKey(codes ?? new Map()).map(([exitCode, count]) => ({ exitCode, count }));
  const handled = row ? handledOf(row) : "removed";
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const reasons = [`failed ${s.failures} of ${s.completed} tasks (${pct(s.failures / Math.max(1, s.completed))}); the rest of the pool ${pct(restRate)}`];
  if (jobs.length > 1) reasons.push(`fails tasks of ${jobs.length} jobs`);
  const top = exitCodes[0];
  if (top && top.exitCode !== null) reasons.push(`mostly exit code ${top.exitCode} (${top.count} of ${s.failures})`);
  return {
    nodeId: name,
    failures: s.failures,
    completed: s.completed,
    failureRate: s.failures / Math.max(1, s.completed),
    exitCodes,
    jobs: jobs.map(([jobId, count]) => ({ jobId, count })),
    state: row ? (row.gone ? "gone" : row.state) : "gone",
    ...(row?.schedulingState ? { schedulingState: row.schedulingState } : {}),
    ...(handled ? { handled } : {}),
    reasons,
  };
}

export function diagnose(input: DiagnosisInput): Diagnosis {
  const { stats, exitCodes, names } = nodeStats(input);
  const active = [...stats.values()].filter((s) => s.completed > 0 || s.failures > 0);
  const bad = findBadNodes(active);
  const badKeys = new Set(bad.map((b) => b.stat.key));
  const F = active.reduce((a, s) => a + s.failures, 0);
  const C = active.reduce((a, s) => a + s.completed, 0);
  const badF = bad.reduce((a, b) => a + b.stat.failures, 0);
  const badC = bad.reduce((a, b) => a + b.stat.completed, 0);
  const restRate = (F - badF) / Math.max(1, C - badC);
  const rowOf = new Map(input.rows.map((r) => [idKey(r.nodeId), r]));
  const named = bad.map((b) => namedNode(b, rowOf.get(b.stat.key), names.get(b.stat.key) ?? b.stat.key, exitCodes.get(b.stat.key), restRate));
  // The bad nodes still in service first: they are what the operator acts on.
  named.sort((a, b) => Number(!!a.handled) - Number(!!b.handled));
  const jobs = jobSplit(input, stats, badKeys);
  const background = jobProblems(jobs, healthyTotals(stats, badKeys));

  const faults = [...stateFaults(input.nodes), ...exitCodeFaults(exitCodes, names, fewNodes(active.length))];
  const unhealthy = new Set<string>();
  for (const n of named) if (n.handled !== "removed") unhealthy.add(idKey(n.nodeId));
  for (const n of input.nodes)
    if ((FAULTY_STATES as readonly string[]).includes(n.state) || n.startTaskFailed || (n.errors?.length ?? 0) > 0) unhealthy.add(idKey(n.id));

  const counts = {
    failures: F,
    completed: C,
    nodesWithFailures: active.filter((s) => s.failures > 0).length,
    nodesActive: active.length,
    nodesInPool: input.nodes.length,
    unhealthyNodes: unhealthy.size,
  };
  const words = diagnosisWords({ named, jobs, counts, restRate, faults, ...(background ? { background } : {}) });
  return {
    ...words,
    nodes: named,
    jobs: jobs.map(({ jobId, failures, completed, nodesWithFailures, failuresElsewhere, completedElsewhere, nodesElsewhere }) => ({
      jobId,
      failures,
      completed,
      nodesWithFailures,
      failuresElsewhere,
      completedElsewhere,
      nodesElsewhere,
    })),
    counts,
    nodeFaults: faults,
  };
}
