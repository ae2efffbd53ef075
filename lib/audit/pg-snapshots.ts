import "server-only";
import { sql } from "kysely";
import type { SnapshotContent, SnapshotMeta } from "@/lib/schemas/snapshots";
import type { PostgresStore } from "./pg";
import {
  gunzipContent,
  gzipContent,
  newSnapshotId,
  pruneBefore,
  toMeta,
  type NewSnapshot,
  type Row,
  type SnapshotListQuery,
  type SnapshotPage,
  type SnapshotStore,
} from "./snapshots";

const META = [
  "seq",
  "id",
  "account",
  "kind",
  "pool_id",
  "job_id",
  "task_id",
  "node_id",
  "view",
  "frozen_view",
  "note",
  "author",
  "taken_at",
  "window_from",
  "window_to",
  "size_bytes",
  "cut",
] as const;

const FAILED = "The snapshot store could not be read or written.";

/** Snapshots in PostgreSQL (BATCHSCOPE_DATABASE_URL): the same rows as in SQLite, the content gzip in bytea. */
export class PgSnapshotStore implements SnapshotStore {
  constructor(private readonly store: PostgresStore) {}

  async save(s: NewSnapshot, content: SnapshotContent): Promise<SnapshotMeta> {
    const id = newSnapshotId();
    await this.store.run(FAILED, (db) =>
      db
        .insertInto("snapshots")
        .values({
          id,
          account: s.account,
          kind: s.kind,
          pool_id: s.poolId ?? null,
          job_id: s.jobId ?? null,
          task_id: s.taskId ?? null,
          node_id: s.nodeId ?? null,
          view: s.view,
          frozen_view: s.frozenView,
          note: s.note,
          author: s.author,
          taken_at: s.takenAt,
          window_from: s.window?.from ?? null,
          window_to: s.window?.to ?? null,
          size_bytes: s.sizeBytes,
          cut: JSON.stringify(s.cut),
          content: gzipContent(content),
        })
        .execute(),
    );
    return { id, ...s };
  }

  async get(account: string, id: string) {
    const row = await this.store.run(FAILED, (db) =>
      db
        .selectFrom("snapshots")
        .select([...META, "content"])
        .where("account", "=", account)
        .where("id", "=", id)
        .executeTakeFirst(),
    );
    return row ? { snapshot: toMeta(row as Row), content: gunzipContent(row.content) } : undefined;
  }

  async list(account: string, q: SnapshotListQuery = {}): Promise<SnapshotPage> {
    const limit = q.limit ?? 50;
    const rows = await this.store.run(FAILED, (db) => {
      let s = db.selectFrom("snapshots").select(META).where("account", "=", account);
      // Batch ids compare case-insensitively, as COLLATE NOCASE does in SQLite.
      if (q.pool) s = s.where(sql<boolean>`lower(pool_id) = lower(${q.pool})`);
      if (q.job) s = s.where(sql<boolean>`lower(job_id) = lower(${q.job})`);
      if (q.author) s = s.where("author", "=", q.author);
      if (q.cursor) s = s.where("seq", "<", Number(q.cursor));
      return s
        .orderBy("seq", "desc")
        .limit(limit + 1)
        .execute();
    });
    const page = rows.slice(0, limit) as Row[];
    return { snapshots: page.map(toMeta), ...(rows.length > limit ? { nextCursor: String(page[page.length - 1]!.seq) } : {}) };
  }

  async meta(account: string, id: string) {
    const row = await this.store.run(FAILED, (db) =>
      db.selectFrom("snapshots").select(META).where("account", "=", account).where("id", "=", id).executeTakeFirst(),
    );
    return row ? toMeta(row as Row) : undefined;
  }

  async delete(account: string, id: string): Promise<boolean> {
    const r = await this.store.run(FAILED, (db) => db.deleteFrom("snapshots").where("account", "=", account).where("id", "=", id).executeTakeFirst());
    return r.numDeletedRows > 0n;
  }

  async prune(days: number, now = Date.now()): Promise<number> {
    if (!(days > 0)) return 0;
    const r = await this.store.run(FAILED, (db) => db.deleteFrom("snapshots").where("taken_at", "<", pruneBefore(days, now)).executeTakeFirst());
    return Number(r.numDeletedRows);
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
