import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WorkCache } from "./cache";

const file = () => join(mkdtempSync(join(tmpdir(), "cache-")), "store.sqlite");
const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe("WorkCache", () => {
  it("keeps a value across connections to the same file, and replaces it by key", async () => {
    const path = file();
    const a = new WorkCache(path, 1_000);
    await a.put("line-index", "f1", bytes(10, 7));
    await a.put("line-index", "f1", bytes(12, 9));
    a.close();
    const b = new WorkCache(path, 1_000);
    expect(await b.get("line-index", "f1")).toEqual(bytes(12, 9));
    expect(await b.get("completed-tasks", "f1")).toBeUndefined();
    expect((await b.usage())["line-index"]).toEqual({ entries: 1, bytes: 12 });
    b.close();
  });

  it("drops the least recently used entries past the bound, and a read counts as a use", async () => {
    const c = new WorkCache(file(), 300);
    await c.put("completed-tasks", "a", bytes(100), 1_000);
    await c.put("completed-tasks", "b", bytes(100), 2_000);
    await c.put("completed-tasks", "c", bytes(100), 3_000);
    // Read "a" long after: it is now the newest use, so "b" is the oldest when "d" arrives.
    expect(await c.get("completed-tasks", "a", 200_000)).toBeDefined();
    await c.put("completed-tasks", "d", bytes(100), 300_000);
    expect(await c.get("completed-tasks", "b", 300_001)).toBeUndefined();
    for (const k of ["a", "c", "d"]) expect(await c.get("completed-tasks", k, 300_001)).toBeDefined();
    expect((await c.usage())["completed-tasks"].bytes).toBeLessThanOrEqual(300);
    c.close();
  });

  it("does not keep a value bigger than the whole bound, and keeps nothing at a bound of 0", async () => {
    const c = new WorkCache(file(), 50);
    await c.put("line-index", "big", bytes(51));
    expect(await c.get("line-index", "big")).toBeUndefined();
    c.close();
    const none = new WorkCache(file(), 0);
    await none.put("line-index", "x", bytes(1));
    expect(await none.get("line-index", "x")).toBeUndefined();
    none.close();
  });
});
