import { describe, expect, it } from "vitest";
import { diagnose, type DiagnosisInput, type DiagnosisPoint } from "./diagnose";
import type { HeatmapRow, NodeInfo } from "./types";

/** A situation: nodes with, per job, [completed, failed] and optionally exit codes of the failures. */
interface N {
  id: string;
  jobs: Record<string, [number, number]>;
  exit?: number;
  state?: string;
  schedulingState?: string;
  gone?: boolean;
}

function situation(ns: N[], extra: NodeInfo[] = []): DiagnosisInput {
  const rows: HeatmapRow[] = [];
  const failures: DiagnosisPoint[] = [];
  const completedByJobNode = new Map<string, Map<string, number>>();
  for (const n of ns) {
    let f = 0;
    let c = 0;
    for (const [job, [completed, failed]] of Object.entries(n.jobs)) {
      c += completed;
      f += failed;
      const m = completedByJobNode.get(job) ?? new Map<string, number>();
      m.set(n.id, completed);
      completedByJobNode.set(job, m);
      for (let i = 0; i < failed; i++) failures.push({ nodeId: n.id, jobId: job, exitCode: n.exit ?? 1 });
    }
    rows.push({
      nodeId: n.id,
      state: n.gone ? "gone" : (n.state ?? "idle"),
      gone: !!n.gone,
      failures: f,
      completed: c,
      ...(n.schedulingState ? { schedulingState: n.schedulingState } : {}),
    });
  }
  const nodes: NodeInfo[] = ns
    .filter((n) => !n.gone)
    .map((n) => ({ id: n.id, state: n.state ?? "idle", ...(n.schedulingState ? { schedulingState: n.schedulingState } : {}) }));
  return { rows, failures, completedByJobNode, nodes: [...nodes, ...extra] };
}

const pool = (count: number, jobs: (i: number) => Record<string, [number, number]>, from = 0): N[] =>
  Array.from({ length: count }, (_, i) => ({ id: `ok-${i + from}`, jobs: jobs(i) }));
const names = (d: ReturnType<typeof diagnose>) => d.nodes.map((n) => n.nodeId).sort();

describe("diagnose: a table of situations", () => {
  it("the 15-minute window: 5 failures, all on 3 nodes that failed everything they ran, is a node problem", () => {
    const d = diagnose(
      situation([
        { id: "tvm-17", jobs: { ingest: [2, 2] } },
        { id: "tvm-42", jobs: { ingest: [2, 2] } },
        { id: "tvm-73", jobs: { ingest: [1, 1] }, exit: 137 },
        ...pool(97, () => ({ ingest: [2, 0] })),
      ]),
    );
    expect(d.kind).toBe("node");
    expect(names(d)).toEqual(["tvm-17", "tvm-42", "tvm-73"]);
    expect(d.text).toMatch(/Take them out of service/);
    expect(d.text).not.toMatch(/spread|job problem/i);
    expect(d.counts).toMatchObject({ failures: 5, nodesWithFailures: 3, nodesActive: 100, nodesInPool: 100, unhealthyNodes: 3 });
  });

  it("the same 15 minutes with a job bug failing a third everywhere: unsure, never a job problem or a wrong node", () => {
    const d = diagnose(
      situation([
        { id: "tvm-17", jobs: { ingest: [1, 1] } },
        { id: "tvm-42", jobs: { ingest: [1, 1] } },
        ...pool(98, (i) => ({ transform: [1, i % 3 === 0 && i < 9 ? 1 : 0] })),
      ]),
    );
    // 3 transform failures on 3 nodes and 2 ingest failures on 2 nodes: too few to name anything.
    expect(["unsure", "node"]).toContain(d.kind);
    if (d.kind === "node") expect(names(d)).toEqual(["tvm-17", "tvm-42"]);
  });

  it("after the bad nodes were removed or disabled, names them as handled and never says take them out", () => {
    const d = diagnose(
      situation([
        { id: "tvm-17", jobs: { ingest: [20, 15] }, gone: true },
        { id: "tvm-42", jobs: { ingest: [20, 16] }, state: "offline", schedulingState: "disabled" },
        { id: "tvm-73", jobs: { ingest: [18, 14] }, state: "unusable" },
        ...pool(97, () => ({ ingest: [20, 0] })),
      ]),
    );
    expect(d.kind).toBe("node");
    expect(d.headline).toBe("Node problem, already handled");
    expect(d.nodes.map((n) => n.handled).sort()).toEqual(["disabled", "removed", "unusable"]);
    expect(d.text).toMatch(/already out of service/);
    expect(d.text).not.toMatch(/Take (it|them) out/);
    // The removed node is no longer in the pool; the unusable one counts once.
    expect(d.counts.unhealthyNodes).toBe(2);
  });

  it("one node of three removed: names the other two to take out and the third as handled", () => {
    const d = diagnose(
      situation([
        { id: "tvm-17", jobs: { ingest: [20, 15] }, gone: true },
        { id: "tvm-42", jobs: { ingest: [20, 16] } },
        { id: "tvm-73", jobs: { ingest: [18, 14] } },
        ...pool(97, () => ({ ingest: [20, 0] })),
      ]),
    );
    expect(d.kind).toBe("node");
    expect(d.nodes.map((n) => n.nodeId)).toEqual(["tvm-42", "tvm-73", "tvm-17"]);
    expect(d.text).toMatch(/2 nodes fail .*Take them out of service\. Already out of service: tvm-17 \(removed\)/);
  });
});

describe("diagnose: jobs, samples and faults", () => {
  it("a job bug everywhere is a job problem, naming no node", () => {
    const d = diagnose(situation(pool(100, (i) => ({ transform: [6, i % 3 === 0 ? 3 : 2] }))));
    expect(d.kind).toBe("job");
    expect(d.nodes).toEqual([]);
    expect(d.jobs[0]).toMatchObject({ jobId: "transform", nodesWithFailures: 100 });
    expect(d.text).toMatch(/^transform \(\d+ of 600 tasks on 100 nodes\) fails across the pool/);
  });

  it("mixed: one job failing on three nodes, another failing everywhere, is both", () => {
    const d = diagnose(
      situation([
        { id: "tvm-17", jobs: { ingest: [20, 17], transform: [6, 2] } },
        { id: "tvm-42", jobs: { ingest: [20, 18], transform: [6, 2] } },
        { id: "tvm-73", jobs: { ingest: [15, 13], transform: [6, 2] }, exit: 137 },
        ...pool(97, (i) => ({ ingest: [20, i === 5 ? 1 : 0], transform: [6, i % 2] })),
      ]),
    );
    expect(d.kind).toBe("both");
    expect(names(d)).toEqual(["tvm-17", "tvm-42", "tvm-73"]);
    const transform = d.jobs.find((j) => j.jobId === "transform")!;
    expect(transform.failuresElsewhere).toBeGreaterThan(40);
    const ingest = d.jobs.find((j) => j.jobId === "ingest")!;
    expect(ingest.failuresElsewhere).toBe(1);
    expect(d.headline).toBe("Node and job problems");
  });

  it("several jobs failing on the same few nodes is a node problem, the jobs named in the reasons", () => {
    const d = diagnose(
      situation([
        { id: "a-1", jobs: { j1: [5, 5], j2: [5, 4], j3: [5, 5] } },
        { id: "a-2", jobs: { j1: [5, 4], j2: [5, 5], j3: [5, 5] } },
        ...pool(40, () => ({ j1: [5, 0], j2: [5, 0], j3: [5, 0] })),
      ]),
    );
    expect(d.kind).toBe("node");
    expect(names(d)).toEqual(["a-1", "a-2"]);
    expect(d.nodes[0]!.reasons.join(" ")).toMatch(/fails tasks of 3 jobs/);
  });

  it("tiny samples: one or two failures on different nodes say too few failures to tell", () => {
    for (const failed of [1, 2, 3]) {
      const d = diagnose(situation(pool(100, (i) => ({ ingest: [2, i < failed ? 1 : 0] }))));
      expect(d.kind).toBe("unsure");
      expect(d.headline).toBe("Too few failures to tell");
      expect(d.nodes).toEqual([]);
    }
  });

  it("a single node that failed everything cannot be told from its job: unsure", () => {
    const d = diagnose(situation([{ id: "solo", jobs: { j: [12, 12] } }]));
    expect(d.kind).toBe("unsure");
    expect(d.counts.nodesActive).toBe(1);
  });
});

describe("diagnose: node faults and empty windows", () => {
  it("an empty window says no failures; node faults still show and are counted as unhealthy", () => {
    expect(diagnose(situation([])).kind).toBe("none");
    const d = diagnose(
      situation(
        pool(3, () => ({})),
        [
          { id: "gpu-1", state: "starttaskfailed", startTaskFailed: true },
          { id: "gpu-2", state: "idle", errors: ["DiskFull"] },
        ],
      ),
    );
    expect(d.kind).toBe("none");
    expect(d.headline).toBe("No failed tasks, but node faults");
    expect(d.nodeFaults.map((f) => f.kind)).toEqual(["startTask", "nodeErrors"]);
    expect(d.counts.unhealthyNodes).toBe(2);
  });

  it("an exit code confined to one node is a node fault", () => {
    const d = diagnose(situation([{ id: "tvm-73", jobs: { ingest: [20, 12] }, exit: 137 }, ...pool(30, (i) => ({ ingest: [10, i < 10 ? 1 : 0] }))]));
    const fault = d.nodeFaults.find((f) => f.kind === "exitCode");
    expect(fault?.nodes).toEqual(["tvm-73"]);
    expect(fault?.text).toMatch(/^Exit code 137 .*12 of its 12 failures on 1 node only/);
  });

  it("background noise at a low rate on many nodes is no job problem", () => {
    const d = diagnose(situation(pool(100, (i) => ({ ingest: [30, i % 8 === 0 ? 1 : 0] }))));
    expect(d.kind).toBe("unsure");
    expect(d.headline).toBe("No clear pattern");
  });
});

/** The `scale` scenario's shape: 20 jobs, each failing about 2.7 % of its tasks on every healthy node. */
const JOBS = Array.from({ length: 20 }, (_, j) => `sweep-${String(j + 1).padStart(2, "0")}`);
const background = (i: number, extra: Record<string, [number, number]> = {}) => ({
  ...Object.fromEntries(JOBS.map((job, j): [string, [number, number]] => [job, [50, (i + j) % 3 === 0 ? 2 : 1]])),
  ...extra,
});
const badNodes: N[] = Array.from({ length: 10 }, (_, i) => ({
  id: `bad-${i}`,
  jobs: Object.fromEntries(JOBS.map((job): [string, [number, number]] => [job, [50, 30]])),
}));

describe("diagnose: a background rate across many jobs", () => {
  it("every job failing about the same share on healthy nodes names no job: the bad nodes, and the background said once", () => {
    const d = diagnose(situation([...badNodes, ...pool(200, (i) => background(i))]));
    expect(d.kind).toBe("node");
    expect(names(d)).toEqual(badNodes.map((n) => n.id).sort());
    expect(d.text).toMatch(
      /Every job fails about 2\.\d% of its tasks on healthy nodes too, none clearly more than the others: a background failure rate, not one job\.$/,
    );
    expect(d.text).not.toMatch(/job problem|sweep-/);
    // Without the bad nodes: no node, no job, the background alone.
    const alone = diagnose(situation(pool(200, (i) => background(i))));
    expect(alone).toMatchObject({ kind: "unsure", headline: "Background failure rate" });
    expect(alone.text).toMatch(/^Every job fails about 2\.\d% of its tasks across the pool/);
  });

  it("one job clearly above the background rate is named, and only it", () => {
    const d = diagnose(situation([...badNodes, ...pool(200, (i) => background(i, { "sweep-07": [50, 4] }))]));
    expect(d.kind).toBe("both");
    expect(names(d)).toHaveLength(10);
    expect(d.text).toMatch(/sweep-07 \(800 of 10000 tasks on 200 nodes\) fails on healthy nodes too: a job problem/);
    expect(d.text.match(/sweep-\d\d/g)).toEqual(["sweep-07"]);
  });
});
