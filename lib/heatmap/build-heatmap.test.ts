import { describe, expect, it } from "vitest";
import { buildHeatmap, type FailedTaskPoint, type HeatmapInput, type NodeInfo } from "./build-heatmap";
import { mulberry32 } from "@/tests/support/random";

const FROM = Date.UTC(2024, 4, 1, 11, 0, 0);
const TO = FROM + 3_600_000;
const WINDOW = { from: FROM, to: TO };
// 4 buckets of 15 minutes.
const Q = 900_000;

const node = (id: string, state = "idle", extra: Partial<NodeInfo> = {}): NodeInfo => ({ id, state, ...extra });
const fail = (nodeId: string, endTime: number, category = "Application"): FailedTaskPoint => ({ nodeId, endTime, category });
const build = (over: Partial<HeatmapInput>) => buildHeatmap({ window: WINDOW, buckets: 4, nodes: [], failures: [], ...over });

function cell(m: ReturnType<typeof buildHeatmap>, nodeId: string, bucket: number) {
  const r = m.rows.findIndex((row) => row.nodeId === nodeId);
  const buckets = m.edges.length - 1;
  const c = m.dominant[r * buckets + bucket]!;
  return { count: m.counts[r * buckets + bucket], dominant: c === -1 ? undefined : m.categories[c] };
}

describe("buildHeatmap: cells", () => {
  it("has rows × buckets cells and the window's edges", () => {
    const m = build({ nodes: [node("a"), node("b"), node("c")] });
    expect(m.edges).toEqual([FROM, FROM + Q, FROM + 2 * Q, FROM + 3 * Q, TO]);
    expect(m.counts).toHaveLength(12);
    expect(m.dominant).toHaveLength(12);
    expect(m.counts.every((v) => v === 0)).toBe(true);
    expect(m.dominant.every((v) => v === -1)).toBe(true);
    expect(m.maxCell).toBe(0);
  });

  it("counts boundary points in the later bucket: from inclusive, to exclusive", () => {
    const m = build({
      nodes: [node("a")],
      failures: [fail("a", FROM), fail("a", FROM + Q - 1), fail("a", FROM + Q), fail("a", TO - 1), fail("a", TO)],
    });
    expect(m.counts).toEqual([2, 1, 0, 1]);
    expect(m.totals.failures).toBe(4);
    expect(m.excluded).toEqual({ outsideWindow: 1, noNode: 0 });
  });

  it("ignores failures outside the window or without a valid end time or node", () => {
    const m = build({
      nodes: [node("a")],
      failures: [fail("a", FROM - 1), fail("a", TO + Q), fail("a", Number.NaN), fail("", FROM + 10), fail("a", FROM + 10)],
    });
    expect(m.totals.failures).toBe(1);
    expect(m.rows[0]!.failures).toBe(1);
    expect(m.excluded).toEqual({ outsideWindow: 3, noNode: 1 });
  });

  it("does not add a gone node whose failures all fall outside the window", () => {
    const m = build({ nodes: [node("a")], failures: [fail("old", FROM - 1)] });
    expect(m.rows.map((r) => r.nodeId)).toEqual(["a"]);
  });

  it("keeps zero distinct from one", () => {
    const m = build({ nodes: [node("a"), node("b")], failures: [fail("a", FROM + Q + 5)] });
    expect(cell(m, "a", 1)).toEqual({ count: 1, dominant: "Application" });
    expect(cell(m, "a", 0)).toEqual({ count: 0, dominant: undefined });
    expect(cell(m, "b", 1)).toEqual({ count: 0, dominant: undefined });
    expect(m.rows.find((r) => r.nodeId === "b")!.failures).toBe(0);
    expect(m.rows.find((r) => r.nodeId === "b")!.dominantCategory).toBeUndefined();
    expect(m.maxCell).toBe(1);
  });

  it("adds nodes that failed tasks in the window but are gone, marked as such", () => {
    const m = build({
      nodes: [node("a", "running", { schedulingState: "enabled" })],
      failures: [fail("ghost", FROM + 1, "Node"), fail("ghost", FROM + 2, "Node")],
    });
    expect(m.rows).toHaveLength(2);
    expect(m.rows[0]).toMatchObject({ nodeId: "ghost", gone: true, state: "gone", failures: 2, dominantCategory: "Node" });
    expect(m.rows[0]!.schedulingState).toBeUndefined();
    expect(m.rows[1]).toMatchObject({ nodeId: "a", gone: false, state: "running", schedulingState: "enabled", failures: 0 });
    expect(m.totals.nodesWithFailures).toBe(1);
  });

  it("lists a node given twice only once", () => {
    const m = build({ nodes: [node("a", "idle"), node("a", "offline")] });
    expect(m.rows).toEqual([{ nodeId: "a", state: "idle", gone: false, failures: 0 }]);
  });
});

describe("buildHeatmap: ordering and rates", () => {
  it("sorts worst first: failures desc, then node id, never by rate, so rows keep their places when rates arrive", () => {
    const completedByNode = new Map([
      ["b", 10],
      ["c", 2],
      ["d", 4],
    ]);
    const spec = {
      nodes: [node("z"), node("e"), node("d"), node("c"), node("b"), node("a")],
      failures: [fail("b", FROM + 1), fail("c", FROM + 1), fail("d", FROM + 2), fail("d", FROM + 3), fail("a", FROM + 3)],
    };
    const m = build({ ...spec, completedByNode });
    // d: 2 failures; then a, b, c (1 each, rates 1/?, 1/10, 1/2) by id; then the clean nodes by id.
    expect(m.rows.map((r) => r.nodeId)).toEqual(["d", "a", "b", "c", "e", "z"]);
    expect(m.rows[0]).toMatchObject({ completed: 4, failureRate: 0.5 });
    expect(m.rows[2]).toMatchObject({ completed: 10, failureRate: 0.1 });
    expect(m.rows[3]).toMatchObject({ completed: 2, failureRate: 0.5 });
    expect(m.rows[1]!.completed).toBeUndefined();
    expect(m.rows[1]!.failureRate).toBeUndefined();
    // Cells follow the sorted rows.
    expect(m.counts.slice(0, 4)).toEqual([2, 0, 0, 0]);
    // The same failures without totals (a failures-first answer): the same order.
    expect(build(spec).rows.map((r) => r.nodeId)).toEqual(m.rows.map((r) => r.nodeId));
  });

  it("takes tasksRun when there is no completed map, and never reports a rate above 100%", () => {
    const m = build({
      nodes: [node("a", "idle", { tasksRun: 1 }), node("b", "idle", { tasksRun: 0 })],
      failures: [fail("a", FROM + 1), fail("a", FROM + 2), fail("a", FROM + 3)],
    });
    expect(m.rows[0]).toMatchObject({ nodeId: "a", completed: 3, failureRate: 1 });
    expect(m.rows[1]).toMatchObject({ nodeId: "b", completed: 0 });
    expect(m.rows[1]!.failureRate).toBeUndefined();
  });

  it("prefers completedByNode over tasksRun", () => {
    const m = build({
      nodes: [node("a", "idle", { tasksRun: 100 })],
      completedByNode: new Map([["a", 4]]),
      failures: [fail("a", FROM + 1)],
    });
    expect(m.rows[0]).toMatchObject({ completed: 4, failureRate: 0.25 });
  });
});

describe("buildHeatmap: categories", () => {
  it("finds the dominant category per cell and per row, ties going to the pool-wide most frequent", () => {
    const m = build({
      nodes: [node("a"), node("b")],
      failures: [
        // a, bucket 0: 2 Node vs 1 Application → Node
        fail("a", FROM + 1, "Node"),
        fail("a", FROM + 2, "Node"),
        fail("a", FROM + 3, "Application"),
        // a, bucket 1: 1 FileUpload vs 1 Application → tie → Application (most frequent overall)
        fail("a", FROM + Q + 1, "FileUpload"),
        fail("a", FROM + Q + 2, "Application"),
        // b, bucket 3: Application ×3
        fail("b", FROM + 3 * Q, "Application"),
        fail("b", FROM + 3 * Q + 1, "Application"),
        fail("b", FROM + 3 * Q + 2, "Application"),
      ],
    });
    expect(m.categories).toEqual(["Application", "Node", "FileUpload"]);
    expect(m.totals.byCategory).toEqual({ Application: 5, Node: 2, FileUpload: 1 });
    expect(cell(m, "a", 0)).toEqual({ count: 3, dominant: "Node" });
    expect(cell(m, "a", 1)).toEqual({ count: 2, dominant: "Application" });
    expect(cell(m, "b", 3)).toEqual({ count: 3, dominant: "Application" });
    // a: Node 2, Application 2, FileUpload 1 → tie → Application
    expect(m.rows.find((r) => r.nodeId === "a")!.dominantCategory).toBe("Application");
    expect(m.rows.find((r) => r.nodeId === "b")!.dominantCategory).toBe("Application");
    expect(m.maxCell).toBe(3);
  });

  it("names the row's dominant category when it differs from the pool's", () => {
    const m = build({
      nodes: [node("a"), node("b")],
      failures: [
        fail("a", FROM + 1, "Node"),
        fail("a", FROM + Q + 1, "Node"),
        fail("b", FROM + 1, "Application"),
        fail("b", FROM + 2, "Application"),
        fail("b", FROM + 3, "Application"),
      ],
    });
    expect(m.rows.map((r) => [r.nodeId, r.dominantCategory])).toEqual([
      ["b", "Application"],
      ["a", "Node"],
    ]);
  });
});

describe("buildHeatmap: scale", () => {
  it("handles 5,000 nodes × 120 buckets × 500,000 failures", () => {
    const rand = mulberry32(1);
    const NODES = 5_000;
    const BUCKETS = 120;
    const POINTS = 500_000;
    const CATEGORIES = ["PreProcessing", "FileUpload", "Application", "Constraint", "Terminated", "Container", "Node", "Unknown"];
    const window = { from: FROM, to: FROM + 24 * 3_600_000 };
    const nodes = Array.from({ length: NODES }, (_, i) => node(`tvmps_${i}`, i % 50 === 0 ? "unusable" : "running"));
    const completedByNode = new Map(nodes.map((n) => [n.id, 200]));
    const failures: FailedTaskPoint[] = new Array(POINTS);
    let inWindow = 0;
    for (let p = 0; p < POINTS; p++) {
      // ~1% outside the window and ~1% on nodes that are gone.
      const r = rand();
      const endTime = r < 0.01 ? window.to + Math.floor(rand() * 1e6) : window.from + Math.floor(rand() * (window.to - window.from));
      if (r >= 0.01) inWindow++;
      const nodeId = rand() < 0.01 ? `gone_${Math.floor(rand() * 100)}` : `tvmps_${Math.floor(rand() * NODES)}`;
      failures[p] = { nodeId, endTime, category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)]! };
    }
    const m = buildHeatmap({ window, buckets: BUCKETS, nodes, failures, completedByNode });
    expect(m.totals.failures).toBe(inWindow);
    expect(m.excluded.outsideWindow).toBe(POINTS - inWindow);
    expect(m.counts).toHaveLength(m.rows.length * BUCKETS);
    expect(m.rows.length).toBeGreaterThan(NODES);
    expect(m.counts.reduce((a, b) => a + b, 0)).toBe(inWindow);
    expect(m.rows.reduce((a, r) => a + r.failures, 0)).toBe(inWindow);
    expect(Object.values(m.totals.byCategory).reduce((a, b) => a + b, 0)).toBe(inWindow);
    expect(m.maxCell).toBe(m.counts.reduce((a, b) => (b > a ? b : a), 0));
    expect(m.verdict.kind).toBe("spread");
  });
});

describe("buildHeatmap: node ids in any case are one node (Batch ids are case-insensitive)", () => {
  const ID = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";
  const UPPER = ID.toUpperCase();

  it("tasks whose node ids differ only in case make one row, spelled as the node list spells it", () => {
    const m = build({
      nodes: [node(ID, "idle"), node("other")],
      failures: [fail(UPPER, FROM + 10), fail(ID, FROM + 20), fail("Tvmps_" + ID.slice(6), FROM + Q + 5, "Node")],
      completedByNode: new Map([
        [UPPER, 2],
        [ID, 2],
      ]),
    });
    expect(m.rows.map((r) => r.nodeId)).toEqual([ID, "other"]);
    expect(m.rows[0]).toMatchObject({ nodeId: ID, state: "idle", gone: false, failures: 3, completed: 4, failureRate: 0.75 });
    expect(cell(m, ID, 0).count).toBe(2);
    expect(cell(m, ID, 1)).toEqual({ count: 1, dominant: "Node" });
    expect(m.totals.nodesWithFailures).toBe(1);
  });

  it("a gone node seen in two spellings is one gone row, in the first spelling seen", () => {
    const m = build({ nodes: [], failures: [fail(UPPER, FROM + 10), fail(ID, FROM + 20)] });
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0]).toMatchObject({ nodeId: UPPER, gone: true, failures: 2 });
  });

  it("a node listed twice in two spellings is one row", () => {
    expect(build({ nodes: [node(ID), node(UPPER)] }).rows).toHaveLength(1);
  });
});
