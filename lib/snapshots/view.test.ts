import { describe, expect, it } from "vitest";
import { freezeView, parseView, ViewError } from "./view";

const NOW = Date.parse("2026-12-03T04:00:00.000Z");

describe("parseView", () => {
  it("reads the five kinds with their ids", () => {
    expect(parseView("demo", "/demo/pools/render-linux?window=6h")).toMatchObject({ kind: "pool", poolId: "render-linux" });
    expect(parseView("demo", "/demo/jobs/nightly%3Ajob-5")).toMatchObject({ kind: "job", jobId: "nightly:job-5" });
    expect(parseView("demo", "/demo/jobs/j/tasks/t-1")).toMatchObject({ kind: "task", jobId: "j", taskId: "t-1" });
    expect(parseView("demo", "/demo/pools/p/nodes/tvm-1")).toMatchObject({ kind: "node", poolId: "p", nodeId: "tvm-1" });
    expect(parseView("demo", "/demo/jobs/j/tasks/t/files/wd/out%20put.log#L10-L20")).toMatchObject({
      kind: "file",
      file: { owner: "task", path: "wd/out put.log", lines: { from: 10, to: 20 } },
    });
    expect(parseView("demo", "/demo/pools/p/nodes/n/files/startup/stderr.txt")).toMatchObject({
      kind: "file",
      file: { owner: "node", path: "startup/stderr.txt" },
    });
  });

  it.each([
    ["/demo/audit", /pool, job, task, node or file page/],
    ["/other/pools/p", /not a view of account demo/],
    ["https://evil.example/demo/pools/p", /dashboard path/],
    ["//evil.example/demo/pools/p", /dashboard path/],
    ["/demo/pools/bad%20id", /pool id must be 1–64/],
    ["/demo/jobs/j/tasks/t/files/..%2F..%2Fetc", /file path must not contain a '\.\.' segment/],
    ["/demo/jobs/j/tasks/t/files/a.txt#L0", /not a line selection/],
    ["/demo/pools/p#L10", /only a file view/],
    ["/demo/pools/p/nodes", /pool, job, task, node or file page/],
  ])("%s is refused, saying why", (view, why) => {
    expect(() => parseView("demo", view)).toThrow(ViewError);
    expect(() => parseView("demo", view)).toThrow(why);
  });
});

describe("freezeView", () => {
  it("puts from/to where window was, nothing else changed", () => {
    const f = freezeView(parseView("demo", "/demo/pools/p?metric=job&window=6h&sig=abc"), NOW);
    expect(f.frozenView).toBe("/demo/pools/p?metric=job&from=2026-12-02T22%3A00%3A00.000Z&to=2026-12-03T04%3A00%3A00.000Z&sig=abc");
    expect(f.window).toEqual({ from: NOW - 6 * 3_600_000, to: NOW });
  });

  it("gives pool, job and node views without a window the pages' 1h", () => {
    for (const view of ["/demo/pools/p", "/demo/jobs/j?outcome=all", "/demo/pools/p/nodes/n"]) {
      const f = freezeView(parseView("demo", view), NOW);
      expect(f.window, view).toEqual({ from: NOW - 3_600_000, to: NOW });
      expect(f.query.get("to"), view).toBe("2026-12-03T04:00:00.000Z");
    }
  });

  it("keeps a pinned view as it is", () => {
    const view = "/demo/jobs/j?from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z&cellNode=n1";
    const f = freezeView(parseView("demo", view), NOW);
    expect(f.frozenView).toBe("/demo/jobs/j?from=2026-12-01T10%3A00%3A00Z&to=2026-12-01T11%3A00%3A00Z&cellNode=n1");
    expect(f.window).toEqual({ from: Date.parse("2026-12-01T10:00:00Z"), to: Date.parse("2026-12-01T11:00:00Z") });
  });

  it("leaves task and file views without a window, keeping their fragment", () => {
    const f = freezeView(parseView("demo", "/demo/jobs/j/tasks/t/files/stderr.txt#L3-L4"), NOW);
    expect(f.frozenView).toBe("/demo/jobs/j/tasks/t/files/stderr.txt#L3-L4");
    expect(f.window).toBeUndefined();
  });

  it.each([
    ["/demo/pools/p?window=3h", /window must be one of 15m, 1h, 6h, 24h, 7d/],
    ["/demo/pools/p?from=2026-12-01T10:00:00Z", /from and to go together/],
    ["/demo/pools/p?from=2026-12-01T12:00:00Z&to=2026-12-01T11:00:00Z", /from must be before to/],
    ["/demo/pools/p?from=yesterday&to=2026-12-01T11:00:00Z", /from must be an ISO 8601 time/],
    ["/demo/pools/p?from=2026-10-01T10:00:00Z&to=2026-12-01T11:00:00Z", /at most 31 days/],
  ])("%s is refused", (view, why) => {
    expect(() => freezeView(parseView("demo", view), NOW)).toThrow(why);
  });
});
