import "server-only";
import type Database from "better-sqlite3";

/**
 * One versioned list of migrations, each written for both stores: entry i takes a store from version i to
 * i+1. SQLite counts in PRAGMA user_version; PostgreSQL in its schema_version table (lib/audit/pg.ts).
 * Append new ones; never edit one that has shipped, since stores in the field are already past it. Ids
 * compare case-insensitively: COLLATE NOCASE in SQLite, lower() and lower() expression indexes in
 * PostgreSQL (Batch ids are ASCII, where the two agree).
 */
export interface Migration {
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: Migration[] = [
  {
    sqlite: `
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
    postgres: `
  CREATE TABLE intents (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$;
  CREATE TRIGGER intents_append_only BEFORE UPDATE OR DELETE ON intents FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER outcomes_append_only BEFORE UPDATE OR DELETE ON outcomes FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER intents_no_truncate BEFORE TRUNCATE ON intents FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER outcomes_no_truncate BEFORE TRUNCATE ON outcomes FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
  `,
  },
  // The audit page filters by node without a pool, by actor and by time: without these, each of those
  // scanned the whole account (about 50 ms at 100,000 records, tests/bench/remediation.bench.ts).
  {
    sqlite: `
  CREATE INDEX intents_account_node ON intents (account, node_id, seq);
  CREATE INDEX intents_account_actor ON intents (account, actor, seq);
  CREATE INDEX intents_account_time ON intents (account, time);
  `,
    postgres: `
  CREATE INDEX intents_account_node ON intents (account, node_id, seq);
  CREATE INDEX intents_account_actor ON intents (account, actor, seq);
  CREATE INDEX intents_account_time ON intents (account, time);
  `,
  },
  // Batch ids are case-insensitive (docs/real-service.md): a node filtered as TVMPS_… must find the
  // records of tvmps_…, and a retry must find its operation whatever the case. Lookups compare pool,
  // node and operation ids COLLATE NOCASE, and these indexes, in the same collation, serve them.
  {
    sqlite: `
  DROP INDEX intents_operation;
  DROP INDEX intents_node;
  DROP INDEX intents_account_node;
  CREATE INDEX intents_operation_nocase ON intents (account, operation_id COLLATE NOCASE, node_id COLLATE NOCASE);
  CREATE INDEX intents_node_nocase ON intents (account, pool_id COLLATE NOCASE, node_id COLLATE NOCASE, seq);
  CREATE INDEX intents_account_node_nocase ON intents (account, node_id COLLATE NOCASE, seq);
  `,
    postgres: `
  DROP INDEX intents_operation;
  DROP INDEX intents_node;
  DROP INDEX intents_account_node;
  CREATE INDEX intents_operation_nocase ON intents (account, lower(operation_id), lower(node_id));
  CREATE INDEX intents_node_nocase ON intents (account, lower(pool_id), lower(node_id), seq);
  CREATE INDEX intents_account_node_nocase ON intents (account, lower(node_id), seq);
  `,
  },
  // A removal that keeps capacity records the pool's targets before it, and its resize back the targets it
  // asked for: one JSON column of such details, so the next field needs no migration.
  {
    sqlite: `
  ALTER TABLE intents ADD COLUMN detail TEXT;
  `,
    postgres: `
  ALTER TABLE intents ADD COLUMN detail TEXT;
  `,
  },
  // Snapshots (docs/snapshots.md) live beside the audit log in the same file, but are not audit records:
  // they can be deleted (by an operator, audited) and expire with the retention setting. The content is
  // the frozen answers, gzip-compressed JSON.
  {
    sqlite: `
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
    postgres: `
  CREATE TABLE snapshots (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    content     BYTEA NOT NULL
  );
  CREATE INDEX snapshots_account ON snapshots (account, seq);
  CREATE INDEX snapshots_taken_at ON snapshots (taken_at);
  `,
  },
  // Work that can be read again from Batch but is slow to (docs/architecture.md "Store"): line indexes of
  // big files, the tasks of completed jobs. Bounded by BATCHSCOPE_CACHE_MAX_MB, least recently used out.
  {
    sqlite: `
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
    postgres: `
  CREATE TABLE cache (
    kind    TEXT NOT NULL,
    key     TEXT NOT NULL,
    value   BYTEA NOT NULL,
    bytes   INTEGER NOT NULL,
    used_at BIGINT NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX cache_used ON cache (used_at);
  `,
  },
  // Several replicas on one database (docs/architecture.md "Store"): the first intent of an operation's node
  // claims it, in the same transaction, so two requests of one operation never both send it. A claim is
  // held while its attempt runs (held_until, ms) and released after; an attempt cut off mid-call lets it
  // lapse, and a retry re-claims it before sending again. Keys are the ids lower-cased (lib/schemas/ids.ts).
  // Claims are not audit records: they are rewritten as attempts come and go.
  {
    sqlite: `
  CREATE TABLE claims (
    account       TEXT NOT NULL,
    operation_key TEXT NOT NULL,
    node_key      TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    owner         TEXT NOT NULL,
    held_until    INTEGER,
    PRIMARY KEY (account, operation_key, node_key)
  );
  `,
    postgres: `
  CREATE TABLE claims (
    account       TEXT NOT NULL,
    operation_key TEXT NOT NULL,
    node_key      TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    owner         TEXT NOT NULL,
    held_until    BIGINT,
    PRIMARY KEY (account, operation_key, node_key)
  );
  `,
  },
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
      db.exec(MIGRATIONS[v]!.sqlite);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
