import "server-only";
import Database from "better-sqlite3";
import { readEnv } from "@/lib/env";
import { AuditLogError } from "./log";
import { postgresStore } from "./pg";
import { PgWorkCache } from "./pg-cache";
import { openStoreFile, sqliteGuard } from "./sqlite-file";
// Leaves closeStores where graceful shutdown finds it (lib/audit/open.ts).
import "./open";

/**
 * Work the server can read again from Batch but slowly (docs/architecture.md "Store"): what it kept stays
 * valid because it describes something that no longer changes (a completed task of a completed job, a
 * file's bytes up to a size it has passed). One table in the store file, bounded by
 * BATCHSCOPE_CACHE_MAX_MB; the least recently used entries go first. Async, like every store call, so
 * the PostgreSQL store can answer the same calls.
 */
export type CacheKind = "line-index" | "completed-tasks";

/** A get refreshes an entry's last use at most this often: reads should not each be a write. */
export const TOUCH_EVERY_MS = 60_000;

const guarded = sqliteGuard("The store's cache could not be read or written.");

export type CacheUsage = Record<CacheKind, { entries: number; bytes: number }>;

/** The work cache, one interface for both stores (SQLite here; PostgreSQL: pg-cache.ts). */
export interface WorkCache {
  readonly maxBytes: number;
  get(kind: CacheKind, key: string, now?: number): Promise<Buffer | undefined>;
  /** Keeps a value (replacing the key's old one), then trims the table to the bound. A value over the bound is not kept. */
  put(kind: CacheKind, key: string, value: Buffer, now?: number): Promise<void>;
  delete(kind: CacheKind, key: string): Promise<void>;
  /** Entries and bytes kept, by kind: for metrics and the docs' figures. */
  usage(): Promise<CacheUsage>;
  close(): Promise<void>;
}

export const emptyUsage = (): CacheUsage => ({ "line-index": { entries: 0, bytes: 0 }, "completed-tasks": { entries: 0, bytes: 0 } });

export class SqliteWorkCache implements WorkCache {
  private readonly db: Database.Database;

  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    this.db = openStoreFile(path);
  }

  async get(kind: CacheKind, key: string, now = Date.now()): Promise<Buffer | undefined> {
    const row = guarded(
      () => this.db.prepare("SELECT value, used_at FROM cache WHERE kind = ? AND key = ?").get(kind, key) as { value: Buffer; used_at: number } | undefined,
    );
    if (!row) return undefined;
    if (now - row.used_at > TOUCH_EVERY_MS) guarded(() => this.db.prepare("UPDATE cache SET used_at = ? WHERE kind = ? AND key = ?").run(now, kind, key));
    return row.value;
  }

  async put(kind: CacheKind, key: string, value: Buffer, now = Date.now()): Promise<void> {
    if (value.length > this.maxBytes) return;
    guarded(() =>
      this.db.transaction(() => {
        this.db
          .prepare(
            "INSERT INTO cache (kind, key, value, bytes, used_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, bytes = excluded.bytes, used_at = excluded.used_at",
          )
          .run(kind, key, value, value.length, now);
        this.trim();
      })(),
    );
  }

  async delete(kind: CacheKind, key: string): Promise<void> {
    guarded(() => this.db.prepare("DELETE FROM cache WHERE kind = ? AND key = ?").run(kind, key));
  }

  async usage(): Promise<CacheUsage> {
    const rows = guarded(
      () =>
        this.db.prepare("SELECT kind, COUNT(*) AS entries, SUM(bytes) AS bytes FROM cache GROUP BY kind").all() as {
          kind: CacheKind;
          entries: number;
          bytes: number;
        }[],
    );
    const out = emptyUsage();
    for (const r of rows) out[r.kind] = { entries: r.entries, bytes: r.bytes };
    return out;
  }

  /** Deletes the least recently used entries past the bound: a running total from the newest down. */
  private trim(): void {
    this.db
      .prepare(
        `DELETE FROM cache WHERE rowid IN (
           SELECT rowid FROM (SELECT rowid, SUM(bytes) OVER (ORDER BY used_at DESC, rowid DESC) AS upto FROM cache) WHERE upto > ?
         )`,
      )
      .run(this.maxBytes);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

const state = globalThis as typeof globalThis & { __batchscopeCache?: { key: unknown; cache: WorkCache } };

/**
 * The process's work cache: in PostgreSQL when BATCHSCOPE_DATABASE_URL is set, else in the store file
 * (BATCHSCOPE_AUDIT_DB); opened on first use.
 */
export function workCache(): WorkCache {
  const env = readEnv();
  const maxBytes = Math.round(env.BATCHSCOPE_CACHE_MAX_MB * 1024 * 1024);
  const open = state.__batchscopeCache;
  if (env.BATCHSCOPE_DATABASE_URL) {
    const pg = postgresStore(env.BATCHSCOPE_DATABASE_URL);
    if (open?.key !== pg || open.cache.maxBytes !== maxBytes) state.__batchscopeCache = { key: pg, cache: new PgWorkCache(pg, maxBytes) };
    return state.__batchscopeCache!.cache;
  }
  if (open?.key !== env.BATCHSCOPE_AUDIT_DB || open.cache.maxBytes !== maxBytes) {
    void open?.cache.close();
    state.__batchscopeCache = undefined;
    try {
      state.__batchscopeCache = { key: env.BATCHSCOPE_AUDIT_DB, cache: new SqliteWorkCache(env.BATCHSCOPE_AUDIT_DB, maxBytes) };
    } catch (err) {
      throw new AuditLogError(`The store's cache in BATCHSCOPE_AUDIT_DB=${env.BATCHSCOPE_AUDIT_DB} cannot be opened: ${(err as Error).message}`);
    }
  }
  return state.__batchscopeCache!.cache;
}

/**
 * The work cache as Batch access uses it: best effort. Losing it costs a later read, never an answer, so
 * a store that fails, even to open (a folder for a file, PostgreSQL down), is a miss and keeps nothing.
 */
export const keptWork = {
  async get(kind: CacheKind, key: string): Promise<Buffer | undefined> {
    try {
      return await workCache().get(kind, key);
    } catch {
      return undefined;
    }
  },
  async put(kind: CacheKind, key: string, value: Buffer): Promise<void> {
    try {
      await workCache().put(kind, key, value);
    } catch {
      // Kept nothing: the next cold read reads from Batch again.
    }
  },
};
