import { describe, expect, it } from "vitest";
import { ownerFileApi, ownerFilePath, ownerFrame } from "./owner";

describe("ownerFrame", () => {
  it("a node page: crumbs up to the pool, the node as the current page, back to the account", () => {
    const f = ownerFrame("demo", "node", { parent: "render-linux", child: "tvm-1" });
    expect(f.owner).toEqual({ kind: "node", account: "demo", poolId: "render-linux", nodeId: "tvm-1" });
    expect(f.crumbs).toEqual([{ href: "/demo", label: "demo" }, { href: "/demo/pools/render-linux", label: "Pool render-linux" }, { label: "Node tvm-1" }]);
    expect(f.ids).toEqual([
      ["pool", "render-linux", true],
      ["node", "tvm-1", true],
    ]);
    expect(f.back).toEqual({ href: "/demo", label: "Go to account demo" });
  });

  it("a task file page: the task is a link, the file the current page, and back goes to the task", () => {
    const f = ownerFrame("demo", "task", { parent: "etl", child: "shard-3" }, { raw: "stderr.txt", path: "stderr.txt" });
    expect(f.crumbs.slice(1)).toEqual([
      { href: "/demo/jobs/etl", label: "Job etl" },
      { href: "/demo/jobs/etl/tasks/shard-3", label: "Task shard-3" },
      { label: "stderr.txt" },
    ]);
    expect(f.ids[2]).toEqual(["file path", "stderr.txt", true]);
    expect(f.back).toEqual({ href: "/demo/jobs/etl/tasks/shard-3", label: "Go to task shard-3" });
    expect(ownerFilePath(f.owner!, "wd/out.log")).toBe("/demo/jobs/etl/tasks/shard-3/files/wd/out.log");
    expect(ownerFileApi(f.owner!, "stderr.txt")).toBe("/api/accounts/demo/jobs/etl/tasks/shard-3/files/stderr.txt");
  });

  it("a malformed id: no owner, unlinked crumbs past it, the id marked bad, back to the account", () => {
    const f = ownerFrame("demo", "task", { parent: "etl", child: "bad id!" }, { raw: "../x" });
    expect(f.owner).toBeUndefined();
    expect(f.crumbs.slice(1)).toEqual([{ href: "/demo/jobs/etl", label: "Job etl" }, { label: "Task" }, { label: "File" }]);
    expect(f.ids.map(([, , ok]) => ok)).toEqual([true, false, false]);
    expect(f.back).toEqual({ href: "/demo", label: "Go to account demo" });
  });
});
