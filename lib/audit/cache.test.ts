import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bothStores } from "@/tests/support/stores";
import { keptWork, workCache, SqliteWorkCache, type WorkCache } from "./cache";
import { PostgresStore } from "./pg";
import { PgWorkCache } from "./pg-cache";

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);
const { cases } = bothStores("cache-");

describe.each(cases)("WorkCache on $name", (kind) => {
  /** A cache of `maxBytes`, and a way to open another connection to the same store (a reopen, another replica). */
  async function fresh(maxBytes: number): Promise<{ cache: WorkCache; reopen: () => WorkCache }> {
    if (kind.name === "SQLite") {
      const { path } = await kind.fresh();
      return { cache: new SqliteWorkCache(path, maxBytes), reopen: () => new SqliteWorkCache(path, maxBytes) };
    }
    const { pg, url } = await kind.fresh();
    return { cache: new PgWorkCache(pg, maxBytes), reopen: () => new PgWorkCache(new PostgresStore(url), maxBytes) };
  }

  it("keeps a value across connections to the same store, and replaces it by key", async () => {
    const { cache: a, reopen } = await fresh(1_000);
    await a.put("line-index", "f1", bytes(10, 7));
    await a.put("line-index", "f1", bytes(12, 9));
    await a.close();
    const b = reopen();
    expect(await b.get("line-index", "f1")).toEqual(bytes(12, 9));
    expect(await b.get("completed-tasks", "f1")).toBeUndefined();
    expect((await b.usage())["line-index"]).toEqual({ entries: 1, bytes: 12 });
    await b.close();
  });

  it("drops the least recently used entries past the bound, and a read counts as a use", async () => {
    const { cache: c } = await fresh(300);
    await c.put("completed-tasks", "a", bytes(100), 1_000);
    await c.put("completed-tasks", "b", bytes(100), 2_000);
    await c.put("completed-tasks", "c", bytes(100), 3_000);
    // Read "a" long after: it is now the newest use, so "b" is the oldest when "d" arrives.
    expect(await c.get("completed-tasks", "a", 200_000)).toBeDefined();
    await c.put("completed-tasks", "d", bytes(100), 300_000);
    expect(await c.get("completed-tasks", "b", 300_001)).toBeUndefined();
    for (const k of ["a", "c", "d"]) expect(await c.get("completed-tasks", k, 300_001)).toBeDefined();
    expect((await c.usage())["completed-tasks"].bytes).toBeLessThanOrEqual(300);
    await c.close();
  });

  it("does not keep a value bigger than the whole bound, and keeps nothing at a bound of 0", async () => {
    const { cache: c } = await fresh(50);
    await c.put("line-index", "big", bytes(51));
    expect(await c.get("line-index", "big")).toBeUndefined();
    await c.close();
    const { cache: none } = await fresh(0);
    await none.put("line-index", "x", bytes(1));
    expect(await none.get("line-index", "x")).toBeUndefined();
    await none.close();
  });
});

describe("keptWork", () => {
  it("is a miss and keeps nothing, without throwing, when the store cannot even be opened", async () => {
    const saved = process.env.BATCHSCOPE_AUDIT_DB;
    // A folder where the file should be: SQLite cannot open it, so workCache() itself throws.
    process.env.BATCHSCOPE_AUDIT_DB = mkdtempSync(join(tmpdir(), "cache-folder-"));
    try {
      expect(() => workCache()).toThrow(/cannot be opened/);
      await expect(keptWork.put("line-index", "k", bytes(4))).resolves.toBeUndefined();
      await expect(keptWork.get("line-index", "k")).resolves.toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.BATCHSCOPE_AUDIT_DB;
      else process.env.BATCHSCOPE_AUDIT_DB = saved;
    }
  });
});
