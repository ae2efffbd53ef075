import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "@/tests/support/postgres";
import { AuditLogError } from "./log";
import { closeStores } from "./open";
import { pingStore } from "./ping";

let pg: TestPostgres;
const saved = { ...process.env };
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(async () => {
  process.env = saved;
  await closeStores();
  await pg?.stop();
}, 30_000);

describe("pingStore", () => {
  it("answers for the SQLite file, creating it on first use", async () => {
    delete process.env.BATCHSCOPE_DATABASE_URL;
    process.env.BATCHSCOPE_AUDIT_DB = join(mkdtempSync(join(tmpdir(), "ping-")), "audit.sqlite");
    await expect(pingStore()).resolves.toBeUndefined();
  });

  it("answers for PostgreSQL (migrating it on first use), rejects within its timeout while the database is stopped, and answers again once it is back", async () => {
    process.env.BATCHSCOPE_DATABASE_URL = await pg.freshDatabase();
    await expect(pingStore()).resolves.toBeUndefined();
    await pg.pause();
    try {
      const started = Date.now();
      const err = await pingStore().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuditLogError);
      expect((err as AuditLogError).info).toMatchObject({
        status: 503,
        code: "AuditLogUnavailable",
        message: expect.stringMatching(/PostgreSQL postgres:\/\/postgres@127\.0\.0\.1/),
      });
      expect((err as AuditLogError).info.message).not.toContain("test-password");
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await pg.start();
    }
    await expect(pingStore()).resolves.toBeUndefined();
  }, 30_000);
});
