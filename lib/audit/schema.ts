import "server-only";
import type Database from "better-sqlite3";

/**
 * Migrations by PRAGMA user_version: each entry takes the file from version i to i+1. Append new ones;
 * never edit one that has shipped, since files in the field are already past it.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE intents (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    operation_id TEXT NOT NULL,
    time         TEXT NOT NULL,
    actor        TEXT NOT NULL,
    role         TEXT NOT NULL,
    account      TEXT NOT NULL,
    pool_id      TEXT NOT NULL,
    node_id      TEXT NOT NULL,
    action       TEXT NOT NULL,
    option       TEXT,
    reason       TEXT NOT NULL,
    ticket       TEXT,
    user_name    TEXT,
    expiry_time  TEXT
  );
  CREATE INDEX intents_operation ON intents (operation_id, node_id);
  CREATE INDEX intents_node ON intents (account, pool_id, node_id, seq);
  CREATE INDEX intents_account ON intents (account, seq);

  -- One outcome per intent at most (the primary key): a record's result is written once, never changed.
  CREATE TABLE outcomes (
    record_id  TEXT PRIMARY KEY REFERENCES intents (id),
    time       TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    request_id TEXT,
    error      TEXT
  );

  CREATE TABLE evidence (
    record_id TEXT PRIMARY KEY REFERENCES intents (id),
    body      TEXT NOT NULL
  );

  CREATE TRIGGER intents_no_update BEFORE UPDATE ON intents BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
  CREATE TRIGGER intents_no_delete BEFORE DELETE ON intents BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
  CREATE TRIGGER outcomes_no_update BEFORE UPDATE ON outcomes BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
  CREATE TRIGGER outcomes_no_delete BEFORE DELETE ON outcomes BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
  CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
  CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
  `,
  // The audit page filters by node without a pool, by actor and by time: without these, each of those
  // scanned the whole account (about 50 ms at 100,000 records, tests/bench/remediation.bench.ts).
  `
  CREATE INDEX intents_account_node ON intents (account, node_id, seq);
  CREATE INDEX intents_account_actor ON intents (account, actor, seq);
  CREATE INDEX intents_account_time ON intents (account, time);
  `,
  // Batch ids are case-insensitive (docs/real-service.md): a node filtered as TVMPS_… must find the
  // records of tvmps_…, and a retry must find its operation whatever the case. Lookups compare pool,
  // node and operation ids COLLATE NOCASE, and these indexes, in the same collation, serve them.
  `
  DROP INDEX intents_operation;
  DROP INDEX intents_node;
  DROP INDEX intents_account_node;
  CREATE INDEX intents_operation_nocase ON intents (account, operation_id COLLATE NOCASE, node_id COLLATE NOCASE);
  CREATE INDEX intents_node_nocase ON intents (account, pool_id COLLATE NOCASE, node_id COLLATE NOCASE, seq);
  CREATE INDEX intents_account_node_nocase ON intents (account, node_id COLLATE NOCASE, seq);
  `,
  // A removal that keeps capacity records the pool's targets before it, and its resize back the targets it
  // asked for: one JSON column of such details, so the next field needs no migration.
  `
  ALTER TABLE intents ADD COLUMN detail TEXT;
  `,
  // Snapshots (docs/snapshots.md) live beside the audit log in the same file, but are not audit records:
  // they can be deleted (by an operator, audited) and expire with the retention setting. The content is
  // the frozen answers, gzip-compressed JSON.
  `
  CREATE TABLE snapshots (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    account     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    pool_id     TEXT,
    job_id      TEXT,
    task_id     TEXT,
    node_id     TEXT,
    view        TEXT NOT NULL,
    frozen_view TEXT NOT NULL,
    note        TEXT NOT NULL,
    author      TEXT NOT NULL,
    taken_at    TEXT NOT NULL,
    window_from TEXT,
    window_to   TEXT,
    size_bytes  INTEGER NOT NULL,
    cut         TEXT NOT NULL,
    content     BLOB NOT NULL
  );
  CREATE INDEX snapshots_account ON snapshots (account, seq);
  CREATE INDEX snapshots_taken_at ON snapshots (taken_at);
  `,
  // Work that can be read again from Batch but is slow to (docs/architecture.md "Store"): line indexes of
  // big files, the tasks of completed jobs. Bounded by BATCHSCOPE_CACHE_MAX_MB, least recently used out.
  `
  CREATE TABLE cache (
    kind    TEXT NOT NULL,
    key     TEXT NOT NULL,
    value   BLOB NOT NULL,
    bytes   INTEGER NOT NULL,
    used_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX cache_used ON cache (used_at);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file to the current schema in one transaction per step; a newer file than this code is refused.
 * `target` stops earlier, for tests that make a file as an older version left it.
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION)
    throw new Error(`The audit file's schema (version ${current}) is newer than this Batchscope (version ${SCHEMA_VERSION}); upgrade Batchscope.`);
  for (let v = current; v < Math.min(target, SCHEMA_VERSION); v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
