import { describe, expect, it } from "vitest";
import { buildHeatmap, type FailedTaskPoint, type HeatmapInput, type NodeInfo } from "./build-heatmap";
import { mulberry32 } from "@/tests/support/random";

// The verdict as buildHeatmap reaches it, from failed task points (verdict.test.ts calls judge directly).

const FROM = Date.UTC(2024, 4, 1, 11, 0, 0);
const WINDOW = { from: FROM, to: FROM + 3_600_000 };

const node = (id: string, state = "idle", extra: Partial<NodeInfo> = {}): NodeInfo => ({ id, state, ...extra });
const fail = (nodeId: string, endTime: number, category = "Application"): FailedTaskPoint => ({ nodeId, endTime, category });
const build = (over: Partial<HeatmapInput>) => buildHeatmap({ window: WINDOW, buckets: 4, nodes: [], failures: [], ...over });

describe("buildHeatmap: verdict", () => {
  it("says none when nothing failed", () => {
    const m = build({ nodes: [node("a"), node("b")] });
    expect(m.verdict).toEqual({ kind: "none", text: "No failed tasks in this window.", topNodes: [], topShare: 0 });
    expect(m.diagnosis).toMatchObject({ kind: "none", headline: "No failures", counts: { nodesInPool: 2, nodesActive: 0 } });
  });

  it("says concentrated when a few nodes fail most tasks", () => {
    const nodes = Array.from({ length: 100 }, (_, i) => node(`n${String(i).padStart(3, "0")}`));
    const completedByNode = new Map(nodes.map((n) => [n.id, 50]));
    const failures: FailedTaskPoint[] = [];
    for (const id of ["n010", "n020", "n030"]) for (let i = 0; i < 40; i++) failures.push(fail(id, FROM + i * 1000, "Node"));
    for (let i = 0; i < 20; i++) failures.push(fail(`n${String(50 + i).padStart(3, "0")}`, FROM + i, "Application"));
    const m = build({ nodes, completedByNode, failures });
    expect(m.verdict.kind).toBe("concentrated");
    expect(new Set(m.verdict.topNodes)).toEqual(new Set(["n010", "n020", "n030"]));
    expect(m.verdict.topShare).toBeCloseTo(120 / 140);
    expect(m.verdict.text).toMatch(/^Node problem: 3 nodes fail far more than the rest of the pool \([^)]+\): .*Take them out of service\.$/);
    expect(m.diagnosis.kind).toBe("node");
  });

  it("speaks of one node in the singular", () => {
    const nodes = Array.from({ length: 10 }, (_, i) => node(`n${i}`, "idle", { tasksRun: 20 }));
    const failures = Array.from({ length: 15 }, (_, i) => fail("n7", FROM + i));
    const m = build({ nodes, failures });
    expect(m.verdict).toMatchObject({ kind: "concentrated", topNodes: ["n7"], topShare: 1 });
    expect(m.verdict.text).toBe("Node problem: 1 node fails far more than the rest of the pool (0%): n7. Take it out of service.");
  });

  it("says spread when failures are over most nodes that ran tasks", () => {
    const rand = mulberry32(7);
    const nodes = Array.from({ length: 100 }, (_, i) => node(`n${i}`));
    const completedByNode = new Map(nodes.map((n) => [n.id, 20]));
    const failures: FailedTaskPoint[] = [];
    // A job bug: every task has the same 6% chance to fail, wherever it runs.
    for (const n of nodes) for (let t = 0; t < 20; t++) if (rand() < 0.06) failures.push(fail(n.id, FROM + Math.floor(rand() * 3_600_000)));
    const m = build({ nodes, completedByNode, failures });
    expect(m.verdict.kind).toBe("spread");
    // Without job ids the failures cannot be split by job: no node stands out, and that is all it can say.
    expect(m.diagnosis.kind).toBe("unsure");
    expect(m.diagnosis.text).toContain(`on ${m.totals.nodesWithFailures} of the 100 nodes that ran tasks`);
    expect(m.verdict.topNodes).toEqual([]);
  });

  it("counts only nodes that ran tasks in a spread verdict", () => {
    const nodes = Array.from({ length: 20 }, (_, i) => node(`n${i}`));
    // 8 busy nodes all failing alike; 12 idle ones ran nothing.
    const completedByNode = new Map(nodes.slice(0, 8).map((n) => [n.id, 10]));
    const failures = nodes.slice(0, 8).flatMap((n) => [fail(n.id, FROM + 1), fail(n.id, FROM + 2)]);
    const m = build({ nodes, completedByNode, failures });
    expect(m.verdict.kind).toBe("spread");
    expect(m.diagnosis.text).toContain("16 failed tasks on 8 of the 8 nodes that ran tasks");
    expect(m.diagnosis.counts).toMatchObject({ nodesActive: 8, nodesInPool: 20, nodesWithFailures: 8 });
  });
});

describe("buildHeatmap: verdict on a pool with a background job bug", () => {
  it("does not call a small pool hit by one job bug a node problem", () => {
    // 4 nodes, uneven by chance: the top 2 hold a majority but their rate is not far above the others'.
    const nodes = ["a", "b", "c", "d"].map((id) => node(id, "running", { tasksRun: 20 }));
    const counts: Record<string, number> = { a: 9, b: 8, c: 6, d: 4 };
    const failures = Object.entries(counts).flatMap(([id, k]) => Array.from({ length: k }, (_, i) => fail(id, FROM + i)));
    const m = build({ nodes, failures });
    expect(m.verdict.kind).toBe("spread");
  });

  it("still says concentrated for a few bad nodes over a background job bug, and mentions the background", () => {
    const rand = mulberry32(42);
    const nodes: NodeInfo[] = [];
    const failures: FailedTaskPoint[] = [];
    const completedByNode = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const id = `ok-${i}`;
      nodes.push(node(id, "running"));
      completedByNode.set(id, 40);
      const k = 1 + Math.floor(rand() * 2); // 1–2 failures each
      for (let j = 0; j < k; j++) failures.push(fail(id, FROM + Math.floor(rand() * 3_600_000), "Application"));
    }
    for (const id of ["bad-1", "bad-2", "bad-3"]) {
      nodes.push(node(id, "running"));
      completedByNode.set(id, 100);
      for (let j = 0; j < 80; j++) failures.push(fail(id, FROM + Math.floor(rand() * 3_600_000), "Node"));
    }
    const m = build({ nodes, completedByNode, failures });
    expect(m.verdict.kind).toBe("concentrated");
    expect([...m.verdict.topNodes].sort()).toEqual(["bad-1", "bad-2", "bad-3"]);
    expect(m.verdict.text).toMatch(/^Node problem: 3 nodes fail far more than the rest of the pool \(4%\)/);
  });

  it("without completed counts there are no rates: no node verdict, however lopsided the counts", () => {
    const nodes: NodeInfo[] = [];
    const failures: FailedTaskPoint[] = [];
    for (let i = 0; i < 100; i++) {
      nodes.push(node(`ok-${i}`));
      failures.push(fail(`ok-${i}`, FROM + i), fail(`ok-${i}`, FROM + i + 1));
    }
    for (const id of ["bad-1", "bad-2", "bad-3"]) {
      nodes.push(node(id));
      for (let j = 0; j < 80; j++) failures.push(fail(id, FROM + j));
    }
    const m = build({ nodes, failures });
    expect(m.diagnosis.kind).toBe("unsure");
    expect(m.verdict.kind).toBe("spread");
  });

  it("names every one of several equally broken nodes, not just enough for a majority", () => {
    const nodes = Array.from({ length: 100 }, (_, i) => node(`n${String(i).padStart(2, "0")}`, "idle", { tasksRun: 30 }));
    const bad = ["n01", "n02", "n03", "n04", "n05", "n06"];
    const failures = bad.flatMap((id) => Array.from({ length: 25 }, (_, i) => fail(id, FROM + i)));
    const m = build({ nodes, failures });
    expect(m.verdict.kind).toBe("concentrated");
    expect(m.verdict.topNodes).toEqual(bad);
    expect(m.verdict.topShare).toBe(1);
  });

  it("counts a gone node among the culprits", () => {
    const nodes = Array.from({ length: 30 }, (_, i) => node(`n${i}`, "idle", { tasksRun: 10 }));
    const failures = [...Array.from({ length: 30 }, (_, i) => fail("gone-1", FROM + i, "Node")), fail("n1", FROM + 5)];
    const m = build({ nodes, failures });
    expect(m.verdict).toMatchObject({ kind: "concentrated", topNodes: ["gone-1"] });
  });
});
