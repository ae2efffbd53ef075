import "server-only";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { describeDatabaseUrl } from "@/lib/env";
import { ApiError } from "@/lib/errors/api-error";
import { AuditLogError } from "./log";
import { MIGRATIONS, SCHEMA_VERSION } from "./schema";
import type { Tables } from "./tables";

export type { Tables };

/** Two replicas starting at once take turns at migrating: a session lock on this key (any fixed number). */
const MIGRATION_LOCK = 0x62_73_63_70; // "bscp"

/**
 * One PostgreSQL database shared by the three stores of a process (audit log, snapshots, work cache): one
 * pool of connections, migrated once before the first query. A failed migration (the database was down at
 * start) is tried again by the next call rather than remembered.
 */
export class PostgresStore {
  readonly db: Kysely<Tables>;
  readonly pool: pg.Pool;
  readonly where: string;
  private migrated?: Promise<void>;
  private closing?: Promise<void>;

  constructor(
    readonly url: string,
    private readonly target = SCHEMA_VERSION,
  ) {
    this.where = describeDatabaseUrl(url);
    // bigint (int8) as a number: sequence numbers and sizes stay far below 2^53.
    const types = { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as never };
    this.pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, types });
    // A connection lost while idle (the database restarted) must not take the process down; the next query reconnects.
    this.pool.on("error", () => undefined);
    this.db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  /** Runs `work` once the schema is current; any failure of the database becomes an AuditLogError naming the store. */
  async run<T>(what: string, work: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
    try {
      this.migrated ??= migratePostgres(this.pool, this.target).catch((err: unknown) => {
        this.migrated = undefined;
        throw err;
      });
      await this.migrated;
      return await work(this.db);
    } catch (err) {
      if (err instanceof ApiError || !(err instanceof Error)) throw err;
      throw new AuditLogError(`${what} (PostgreSQL ${this.where}, BATCHSCOPE_DATABASE_URL)`, err);
    }
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Ends the pool once; the audit log, snapshots and cache share it, and each may be closed. */
  close(): Promise<void> {
    return (this.closing ??= this.db.destroy());
  }
}

/**
 * Brings the database to the current schema: under an advisory lock (a second replica waits, then finds
 * nothing to do), each migration in its own transaction with its row in schema_version.
 */
export async function migratePostgres(pool: pg.Pool, target = SCHEMA_VERSION): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      const { rows } = await client.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_version");
      const current = rows[0]?.v ?? 0;
      if (current > SCHEMA_VERSION)
        throw new Error(`The database's schema (version ${current}) is newer than this Batchscope (version ${SCHEMA_VERSION}); upgrade Batchscope.`);
      for (let v = current; v < Math.min(target, SCHEMA_VERSION); v++) {
        await client.query("BEGIN");
        try {
          await client.query(MIGRATIONS[v]!.postgres);
          await client.query("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)", [v + 1, new Date().toISOString()]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw err;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

const state = globalThis as typeof globalThis & { __batchscopePostgres?: PostgresStore };

/** The process's PostgreSQL store for `url`, opened on first use; a changed URL (between tests) opens another. */
export function postgresStore(url: string): PostgresStore {
  if (state.__batchscopePostgres?.url !== url || state.__batchscopePostgres.closed) {
    void state.__batchscopePostgres?.close().catch(() => undefined);
    state.__batchscopePostgres = new PostgresStore(url);
  }
  return state.__batchscopePostgres;
}

/** Closes the process's PostgreSQL pool, if one was opened (graceful shutdown). */
export async function closePostgresStore(): Promise<void> {
  const open = state.__batchscopePostgres;
  state.__batchscopePostgres = undefined;
  await open?.close();
}
