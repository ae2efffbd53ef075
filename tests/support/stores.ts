import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { AuditIntent } from "@/lib/audit/log";
import { PostgresStore } from "@/lib/audit/pg";
import { startPostgres, type TestPostgres } from "./postgres";

/**
 * The store tests run on both stores (describe.each over these): a SQLite file in a temp dir, or a fresh
 * database on the test file's one PostgreSQL, started in beforeAll and stopped by its process in afterAll.
 */
export type StoreCase = { name: "SQLite"; fresh(): Promise<{ path: string }> } | { name: "PostgreSQL"; fresh(): Promise<{ pg: PostgresStore; url: string }> };

export function bothStores(prefix = "store-"): { cases: StoreCase[]; server: () => TestPostgres } {
  let server: TestPostgres | undefined;
  const opened: PostgresStore[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close()));
    await server?.stop();
  }, 30_000);
  return {
    server: () => server!,
    cases: [
      { name: "SQLite", fresh: async () => ({ path: join(mkdtempSync(join(tmpdir(), prefix)), "store.sqlite") }) },
      {
        name: "PostgreSQL",
        fresh: async () => {
          const url = await server!.freshDatabase();
          const pg = new PostgresStore(url);
          opened.push(pg);
          return { pg, url };
        },
      },
    ],
  };
}

/** An audit intent for store tests: one reboot of one node; `over` changes what a test is about. */
export const sampleIntent = (over: Partial<AuditIntent> = {}): AuditIntent => ({
  operationId: "op-1",
  actor: "ana@example.com",
  role: "operator",
  account: "prod",
  poolId: "pool-a",
  nodeId: "tvm-1",
  action: "reboot",
  option: "requeue",
  reason: "disk full",
  ...over,
});
