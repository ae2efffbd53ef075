import { describe, expect, it } from "vitest";
import { normalizeApiPath } from "./api-path";
import { evidenceReads } from "./evidence-reads";
import { freezeView, parseView } from "./view";
import { viewReads, type Answers } from "./view-reads";

const NOW = Date.parse("2026-12-03T04:00:00.000Z");
const W = "from=2026-12-03T03%3A00%3A00.000Z&to=2026-12-03T04%3A00%3A00.000Z";
const A = "/api/accounts/demo";

function reads(view: string, answers: Record<string, unknown> = {}) {
  const v = parseView("demo", view);
  const f = freezeView(v, NOW);
  const map: Answers = new Map(Object.entries(answers).map(([k, val]) => [normalizeApiPath(k), val]));
  return { v, f, list: viewReads(v, f.query, map).map((r) => normalizeApiPath(r.path)), map };
}

const heatmap = {
  edges: [0, 10, 20],
  rows: [{ nodeId: "n1" }, { nodeId: "n2" }],
  counts: [0, 3, 5, 0],
  verdict: { text: "", topNodes: ["n2"], topShare: 1, kind: "concentrated" },
  byJob: [],
};

describe("viewReads: stage 1, as the components send them", () => {
  it("a pool: pool, health, heatmap with 60 buckets and the signature, signatures, failures, nodes, me", () => {
    const { list } = reads("/demo/pools/p?sig=abc123");
    expect(list).toEqual(
      [
        `${A}/pools/p`,
        `${A}/pools/p/health`,
        `${A}/pools/p/heatmap?buckets=60&${W}&signature=abc123`,
        `${A}/pools/p/signatures?${W}`,
        `${A}/pools/p/failures?${W}`,
        `${A}/pools/p/nodes`,
        `${A}/me`,
      ].map(normalizeApiPath),
    );
  });

  it("a pool's heatmap answer adds the ticket's audit read and the opened cell's tasks", () => {
    const heat = `${A}/pools/p/heatmap?${W}&buckets=60`;
    const { list } = reads("/demo/pools/p?cellNode=n2&cellAt=1970-01-01T00:00:00.010Z&cellTo=1970-01-01T00:00:00.020Z", { [heat]: heatmap });
    expect(list).toContain(normalizeApiPath(`${A}/audit?pool=p&node=n2`));
    expect(list).toContain(normalizeApiPath(`${A}/pools/p/heatmap/cell?${W}&nodeId=n2&cellFrom=1970-01-01T00:00:00.010Z&cellTo=1970-01-01T00:00:00.020Z`));
    // A link without cellTo: one bucket of the window (1 h / 60) from cellAt; outside the window, read pinned to the cell's span.
    const old = reads("/demo/pools/p?cellNode=n2&cellAt=1970-01-01T00:00:00.012Z", { [heat]: heatmap }).list;
    const span = "from=1970-01-01T00%3A00%3A00.012Z&to=1970-01-01T00%3A01%3A00.012Z";
    expect(old).toContain(normalizeApiPath(`${A}/pools/p/heatmap/cell?${span}&nodeId=n2&cellFrom=1970-01-01T00:00:00.012Z&cellTo=1970-01-01T00:01:00.012Z`));
  });

  it("a job: the task table's failed page, and the all page once the job has no failures; a scheduled job's schedule", () => {
    expect(reads("/demo/jobs/j").list).toContain(normalizeApiPath(`${A}/jobs/j/tasks?outcome=failed&${W}&pageSize=50`));
    const job = { job: { poolId: "p", taskCounts: { failed: 0 } } };
    const { list } = reads("/demo/jobs/nightly:job-5", { [`${A}/jobs/nightly%3Ajob-5`]: job });
    expect(list).toContain(normalizeApiPath(`${A}/jobs/nightly%3Ajob-5/tasks?outcome=all&${W}&pageSize=50`));
    expect(list).toContain(`${A}/jobschedules/nightly`);
    expect(reads("/demo/jobs/j?outcome=running&node=n1").list).toContain(normalizeApiPath(`${A}/jobs/j/tasks?outcome=running&nodeId=n1&pageSize=50`));
  });

  it("a task: detail, files, the three tails (without a query), me, and its node's audit once known", () => {
    const { list } = reads("/demo/jobs/j/tasks/t", { [`${A}/jobs/j/tasks/t`]: { task: { poolId: "p", nodeId: "n1" } } });
    expect(list).toEqual([
      `${A}/jobs/j/tasks/t`,
      `${A}/jobs/j/tasks/t/files`,
      `${A}/jobs/j/tasks/t/files/stderr.txt`,
      `${A}/jobs/j/tasks/t/files/stdout.txt`,
      `${A}/jobs/j/tasks/t/files/fileuploaderr.txt`,
      `${A}/me`,
      `${A}/audit?node=n1&pool=p`,
    ]);
  });

  it("a node: detail, failures in the window, audit, recursive files, pool, me, and startup/stderr.txt when listed", () => {
    const files = `${A}/pools/p/nodes/n/files?recursive=true`;
    const { list } = reads("/demo/pools/p/nodes/n", { [files]: { files: [{ name: "startup/stderr.txt" }] } });
    expect(list).toEqual([
      `${A}/pools/p/nodes/n`,
      normalizeApiPath(`${A}/pools/p/nodes/n/failures?${W}`),
      `${A}/audit?node=n&pool=p`,
      files,
      `${A}/pools/p`,
      `${A}/me`,
      `${A}/pools/p/nodes/n/files/startup/stderr.txt`,
    ]);
  });

  it("a file with #L lines: the owner, the tree, the lines' bytes, properties and where the first line starts", () => {
    const { v, f } = reads("/demo/jobs/j/tasks/t/files/logs/a.txt#L5-L9");
    const r = viewReads(v, f.query, new Map());
    expect(r.find((x) => x.kind === "fileLines")).toEqual({
      kind: "fileLines",
      path: `${A}/jobs/j/tasks/t/files/logs/a.txt`,
      group: "view",
      lines: { from: 5, to: 9 },
    });
    expect(r.map((x) => x.path)).toContain(`${A}/jobs/j/tasks/t/files/logs/a.txt?line=5`);
    expect(r.map((x) => x.path)).toContain(`${A}/jobs/j/tasks/t/files?recursive=true`);
  });
});

describe("evidenceReads: stage 2, most useful first", () => {
  it("a pool: cells worst first, then the cells' failed tasks' pages, then their stderr tails", () => {
    const heat = `${A}/pools/p/heatmap?${W}&buckets=60`;
    const v = parseView("demo", "/demo/pools/p");
    const f = freezeView(v, NOW);
    const answers = new Map<string, unknown>([[normalizeApiPath(heat), heatmap]]);
    const first = evidenceReads(v, f.query, answers);
    expect(first.reads.map((r) => r.path)).toEqual([
      `${A}/pools/p/heatmap/cell?${W}&nodeId=n2&cellFrom=1970-01-01T00%3A00%3A00.000Z&cellTo=1970-01-01T00%3A00%3A00.010Z`,
      `${A}/pools/p/heatmap/cell?${W}&nodeId=n1&cellFrom=1970-01-01T00%3A00%3A00.010Z&cellTo=1970-01-01T00%3A00%3A00.020Z`,
    ]);
    expect(first.totals).toMatchObject({ cells: 2, tasks: 0 });
    answers.set(normalizeApiPath(first.reads[0]!.path), { groups: [{ category: "Application", tasks: [{ jobId: "j", taskId: "t1", endTime: 1 }] }] });
    const second = evidenceReads(v, f.query, answers);
    expect(second.reads.slice(2).map((r) => [r.group, r.path])).toEqual([
      ["tasks", `${A}/jobs/j/tasks/t1`],
      ["tasks", `${A}/jobs/j/tasks/t1/files`],
      ["tails", `${A}/jobs/j/tasks/t1/files/stderr.txt`],
    ]);
    expect(second.totals).toEqual({ cells: 2, tasks: 1, tails: 1 });
  });

  it("a node: its failed tasks in the window, then its recent tasks, each once", () => {
    const v = parseView("demo", "/demo/pools/p/nodes/n");
    const f = freezeView(v, NOW);
    const answers = new Map<string, unknown>([
      [normalizeApiPath(`${A}/pools/p/nodes/n/failures?${W}`), { tasks: [{ jobId: "j", taskId: "a" }] }],
      [
        `${A}/pools/p/nodes/n`,
        {
          node: {
            recentTasks: [
              { jobId: "j", taskId: "b" },
              { jobId: "j", taskId: "a" },
            ],
          },
        },
      ],
    ]);
    const tails = evidenceReads(v, f.query, answers)
      .reads.filter((r) => r.group === "tails")
      .map((r) => r.path);
    expect(tails).toEqual([`${A}/jobs/j/tasks/a/files/stderr.txt`, `${A}/jobs/j/tasks/b/files/stderr.txt`]);
  });
});
