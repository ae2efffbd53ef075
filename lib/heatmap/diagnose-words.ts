/** The diagnosis in words: its kind, headline and one paragraph, from the numbers diagnose() computed. */
import type { Diagnosis, DiagnosisNode } from "@/lib/schemas/failures";
import type { NodeFault } from "./node-faults";
import { percent } from "./stats";

export interface JobSplit {
  jobId: string;
  failures: number;
  completed: number;
  nodesWithFailures: number;
  failuresElsewhere: number;
  completedElsewhere: number;
  nodesElsewhere: number;
  /** fails broadly outside the bad nodes: a job problem */
  broad?: boolean;
}

/** Jobs failing broadly on healthy nodes with none above the others: the pool's background rate. */
export interface Background {
  /** failed ÷ completed tasks of every job on the healthy nodes */
  rate: number;
  /** the jobs that fail broadly there */
  jobs: number;
  /** the jobs that ran tasks there */
  jobsRan: number;
}

/** Fewer failures than this and no pattern: "too few failures to tell" rather than "no clear pattern". */
export const FEW_FAILURES = 10;

const HANDLED: Record<NonNullable<DiagnosisNode["handled"]>, string> = {
  removed: "removed",
  disabled: "scheduling disabled",
  unusable: "unusable",
  starttaskfailed: "start task failed",
  offline: "offline",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (xs: string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

function nodeSentence(named: DiagnosisNode[], restRate: number): string {
  const live = named.filter((n) => !n.handled);
  const done = named.filter((n) => n.handled);
  // Counts per node are in the node list beside the text; the sentence names them only.
  const who = (ns: DiagnosisNode[]) => list(ns.map((n) => n.nodeId));
  const parts: string[] = [];
  if (live.length > 0) {
    parts.push(
      `${plural(live.length, "node")} ${live.length === 1 ? "fails" : "fail"} far more than the rest of the pool (${percent(restRate)}): ${who(live)}. ` +
        `Take ${live.length === 1 ? "it" : "them"} out of service.`,
    );
  }
  if (done.length > 0) {
    const already = list(done.map((n) => `${n.nodeId} (${HANDLED[n.handled!]})`));
    parts.push(
      live.length === 0
        ? `The bad ${done.length === 1 ? "node is" : "nodes are"} already out of service: ${already}. Nothing more to take out.`
        : `Already out of service: ${already}.`,
    );
  }
  return parts.join(" ");
}

function jobSentence(broad: JobSplit[], afterNodes: boolean): string {
  const shown = broad.slice(0, 3).map((j) => `${j.jobId} (${j.failuresElsewhere} of ${j.completedElsewhere} tasks on ${plural(j.nodesElsewhere, "node")})`);
  const more = broad.length > 3 ? ` and ${plural(broad.length - 3, "more job")}` : "";
  const where = afterNodes ? "on healthy nodes too" : "across the pool, with no node standing out";
  return `${list(shown)}${more} ${broad.length === 1 ? "fails" : "fail"} ${where}: a job problem — read ${broad.length === 1 ? "its" : "their"} task logs.`;
}

/** One decimal below 10 %: "about 3%" would not tell 2.6 % from 3.4 %. */
const about = (rate: number) => (rate > 0 && rate < 0.1 ? `${(Math.round(rate * 1000) / 10).toFixed(1)}%` : percent(rate));

function backgroundSentence(b: Background, afterNodes: boolean): string {
  const who = b.jobs === b.jobsRan ? "every job fails" : `${b.jobs} of the ${b.jobsRan} jobs fail`;
  const where = afterNodes ? "on healthy nodes too" : "across the pool";
  const sentence = `${who} about ${about(b.rate)} of ${b.jobs === b.jobsRan ? "its" : "their"} tasks ${where}, none clearly more than the others: a background failure rate, not one job.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export function diagnosisWords(d: {
  named: DiagnosisNode[];
  jobs: JobSplit[];
  counts: Diagnosis["counts"];
  restRate: number;
  faults: NodeFault[];
  background?: Background;
}): Pick<Diagnosis, "kind" | "headline" | "text"> {
  const { named, counts } = d;
  const broad = d.jobs.filter((j) => j.broad);
  const faultText = d.faults.length ? ` Node faults: ${d.faults.map((f) => f.text).join("; ")}.` : "";
  if (counts.failures === 0) {
    return d.faults.length
      ? { kind: "none", headline: "No failed tasks, but node faults", text: `No task failed in this window.${faultText}` }
      : { kind: "none", headline: "No failures", text: "No failed tasks in this window." };
  }
  const allHandled = named.length > 0 && named.every((n) => n.handled);
  if (named.length > 0 && broad.length > 0) {
    return { kind: "both", headline: "Node and job problems", text: `${nodeSentence(named, d.restRate)} ${jobSentence(broad, true)}` };
  }
  if (named.length > 0) {
    const also = d.background ? ` ${backgroundSentence(d.background, true)}` : "";
    return { kind: "node", headline: allHandled ? "Node problem, already handled" : "Node problem", text: `${nodeSentence(named, d.restRate)}${also}` };
  }
  if (broad.length > 0) return { kind: "job", headline: "Job problem", text: jobSentence(broad, false) };
  if (d.background) return { kind: "unsure", headline: "Background failure rate", text: backgroundSentence(d.background, false) };
  const where = `${plural(counts.failures, "failed task")} on ${counts.nodesWithFailures} of the ${plural(counts.nodesActive, "node")} that ran tasks`;
  if (counts.failures < FEW_FAILURES) {
    return {
      kind: "unsure",
      headline: "Too few failures to tell",
      text: `${where}: too few to tell a bad node from a bad job. Widen the window, or read the task logs.`,
    };
  }
  return {
    kind: "unsure",
    headline: "No clear pattern",
    text: `${where} (${percent(counts.failures / Math.max(1, counts.completed))} of ${counts.completed}): no node stands out and no job fails broadly. Read the task logs.`,
  };
}
