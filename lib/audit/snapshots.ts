import "server-only";
import type { Selectable } from "kysely";
import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { readEnv } from "@/lib/env";
import { AuditLogError } from "./log";
import type { SnapshotContent, SnapshotMeta } from "@/lib/schemas/snapshots";
import { postgresStore } from "./pg";
import { PgSnapshotStore } from "./pg-snapshots";
import { openStoreFile, sqliteGuard } from "./sqlite-file";
import type { Tables } from "./tables";
// Leaves closeStores where graceful shutdown finds it (lib/audit/open.ts).
import "./open";

/**
 * The snapshot store (docs/snapshots.md): one table beside the audit log (lib/audit/schema.ts), its own
 * connection, so the audit log's class stays append-only. Meta columns for the list; the frozen answers
 * gzip-compressed in one BLOB (bytea in PostgreSQL), read only when one snapshot is opened.
 */
export type NewSnapshot = Omit<SnapshotMeta, "id">;

export interface SnapshotListQuery {
  pool?: string;
  job?: string;
  author?: string;
  cursor?: string;
  limit?: number;
}

/** A snapshot's meta columns, as both stores select them (without the content). */
export type Row = Omit<Selectable<Tables["snapshots"]>, "content" | "kind"> & { kind: SnapshotMeta["kind"] };

const META = "seq, id, account, kind, pool_id, job_id, task_id, node_id, view, frozen_view, note, author, taken_at, window_from, window_to, size_bytes, cut";
const DAY_MS = 86_400_000;

/** 128 random bits, base64url: 22 characters nobody can guess or enumerate. */
export const newSnapshotId = () => randomBytes(16).toString("base64url");
export const SNAPSHOT_ID = /^[A-Za-z0-9_-]{22}$/;

const guarded = sqliteGuard("The snapshot store could not be read or written.");

export type SnapshotPage = { snapshots: SnapshotMeta[]; nextCursor?: string };

/** The snapshot store, one interface for both stores (SQLite here; PostgreSQL: pg-snapshots.ts). */
export interface SnapshotStore {
  save(s: NewSnapshot, content: SnapshotContent): Promise<SnapshotMeta>;
  get(account: string, id: string): Promise<{ snapshot: SnapshotMeta; content: SnapshotContent } | undefined>;
  /** Newest first; `nextCursor` continues after the last one. Pool and job compare as Batch does, case-insensitively. */
  list(account: string, q?: SnapshotListQuery): Promise<SnapshotPage>;
  /** Meta of one snapshot, without its content. */
  meta(account: string, id: string): Promise<SnapshotMeta | undefined>;
  delete(account: string, id: string): Promise<boolean>;
  /** Deletes snapshots taken more than `days` days before `now`; 0 keeps everything. Returns how many went. */
  prune(days: number, now?: number): Promise<number>;
  close(): Promise<void>;
}

export const gzipContent = (content: SnapshotContent) => gzipSync(Buffer.from(JSON.stringify(content), "utf8"));
export const gunzipContent = (blob: Buffer) => JSON.parse(gunzipSync(blob).toString("utf8")) as SnapshotContent;
export const pruneBefore = (days: number, now: number) => new Date(now - days * DAY_MS).toISOString();

export class SqliteSnapshotStore implements SnapshotStore {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = openStoreFile(path);
  }

  async save(s: NewSnapshot, content: SnapshotContent): Promise<SnapshotMeta> {
    const id = newSnapshotId();
    const blob = gzipContent(content);
    guarded(() =>
      this.db
        .prepare(
          `INSERT INTO snapshots (id, account, kind, pool_id, job_id, task_id, node_id, view, frozen_view, note, author, taken_at, window_from, window_to, size_bytes, cut, content)
           VALUES (@id, @account, @kind, @pool, @job, @task, @node, @view, @frozenView, @note, @author, @takenAt, @from, @to, @size, @cut, @content)`,
        )
        .run({
          id,
          account: s.account,
          kind: s.kind,
          pool: s.poolId ?? null,
          job: s.jobId ?? null,
          task: s.taskId ?? null,
          node: s.nodeId ?? null,
          view: s.view,
          frozenView: s.frozenView,
          note: s.note,
          author: s.author,
          takenAt: s.takenAt,
          from: s.window?.from ?? null,
          to: s.window?.to ?? null,
          size: s.sizeBytes,
          cut: JSON.stringify(s.cut),
          content: blob,
        }),
    );
    return { id, ...s };
  }

  async get(account: string, id: string) {
    const row = guarded(
      () => this.db.prepare(`SELECT ${META}, content FROM snapshots WHERE account = ? AND id = ?`).get(account, id) as (Row & { content: Buffer }) | undefined,
    );
    if (!row) return undefined;
    return { snapshot: toMeta(row), content: gunzipContent(row.content) };
  }

  async list(account: string, q: SnapshotListQuery = {}): Promise<SnapshotPage> {
    const where = ["account = @account"];
    if (q.pool) where.push("pool_id = @pool COLLATE NOCASE");
    if (q.job) where.push("job_id = @job COLLATE NOCASE");
    if (q.author) where.push("author = @author");
    if (q.cursor) where.push("seq < @cursor");
    const limit = q.limit ?? 50;
    const rows = guarded(
      () =>
        this.db
          .prepare(`SELECT ${META} FROM snapshots WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT @limit`)
          .all({ account, pool: q.pool, job: q.job, author: q.author, cursor: q.cursor ? Number(q.cursor) : undefined, limit: limit + 1 }) as Row[],
    );
    const page = rows.slice(0, limit);
    return { snapshots: page.map(toMeta), ...(rows.length > limit ? { nextCursor: String(page[page.length - 1]!.seq) } : {}) };
  }

  async meta(account: string, id: string) {
    const row = guarded(() => this.db.prepare(`SELECT ${META} FROM snapshots WHERE account = ? AND id = ?`).get(account, id) as Row | undefined);
    return row ? toMeta(row) : undefined;
  }

  async delete(account: string, id: string): Promise<boolean> {
    return guarded(() => this.db.prepare("DELETE FROM snapshots WHERE account = ? AND id = ?").run(account, id).changes > 0);
  }

  async prune(days: number, now = Date.now()): Promise<number> {
    return this.pruneNow(days, now);
  }

  /** prune, synchronously: opening the store applies the retention before anything reads it. */
  pruneNow(days: number, now = Date.now()): number {
    if (!(days > 0)) return 0;
    const before = pruneBefore(days, now);
    return guarded(() => this.db.prepare("DELETE FROM snapshots WHERE taken_at < ?").run(before).changes);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export function toMeta(r: Row): SnapshotMeta {
  return {
    id: r.id,
    account: r.account,
    kind: r.kind,
    view: r.view,
    frozenView: r.frozen_view,
    ...(r.pool_id ? { poolId: r.pool_id } : {}),
    ...(r.job_id ? { jobId: r.job_id } : {}),
    ...(r.task_id ? { taskId: r.task_id } : {}),
    ...(r.node_id ? { nodeId: r.node_id } : {}),
    note: r.note,
    author: r.author,
    takenAt: r.taken_at,
    ...(r.window_from && r.window_to ? { window: { from: r.window_from, to: r.window_to } } : {}),
    sizeBytes: r.size_bytes,
    cut: JSON.parse(r.cut) as string[],
  };
}

const state = globalThis as typeof globalThis & { __batchscopeSnapshots?: { key: unknown; store: SnapshotStore } };

/**
 * The process's snapshot store: in PostgreSQL when BATCHSCOPE_DATABASE_URL is set, else in the audit file
 * (BATCHSCOPE_AUDIT_DB); opened on first use. Opening the SQLite one applies the retention
 * (BATCHSCOPE_SNAPSHOT_RETENTION_DAYS), so expired snapshots go at start-up too; PostgreSQL's is applied
 * with the first save, as every save applies it (lib/server/snapshots/take.ts).
 */
export function snapshotStore(): SnapshotStore {
  const env = readEnv();
  if (env.BATCHSCOPE_DATABASE_URL) {
    const pg = postgresStore(env.BATCHSCOPE_DATABASE_URL);
    if (state.__batchscopeSnapshots?.key !== pg) state.__batchscopeSnapshots = { key: pg, store: new PgSnapshotStore(pg) };
    return state.__batchscopeSnapshots.store;
  }
  if (state.__batchscopeSnapshots?.key !== env.BATCHSCOPE_AUDIT_DB) {
    void state.__batchscopeSnapshots?.store.close();
    state.__batchscopeSnapshots = undefined;
    try {
      const store = new SqliteSnapshotStore(env.BATCHSCOPE_AUDIT_DB);
      store.pruneNow(env.BATCHSCOPE_SNAPSHOT_RETENTION_DAYS);
      state.__batchscopeSnapshots = { key: env.BATCHSCOPE_AUDIT_DB, store };
    } catch (err) {
      throw new AuditLogError(`The snapshot store in BATCHSCOPE_AUDIT_DB=${env.BATCHSCOPE_AUDIT_DB} cannot be opened: ${(err as Error).message}`);
    }
  }
  return state.__batchscopeSnapshots.store;
}
