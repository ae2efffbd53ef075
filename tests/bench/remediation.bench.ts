/**
 * Remediation benchmark: what acting on many nodes costs, and what the audit log costs as it grows.
 * A benchmark, not a test: nothing in vitest's include list matches it; its assertions only guard that the
 * numbers measure what they claim (every node acted on, one record per node).
 *
 * Run:
 *   node --conditions=react-server --expose-gc --import tsx tests/bench/remediation.bench.ts
 * (`--conditions=react-server` lets `server-only` load outside Next, as in tests/bench/heatmap.bench.ts.)
 *
 * Part 1 drives the real action route handler (the function Next serves at POST …/pools/{pool}/actions)
 * with the page's own same-origin headers, against the `scale` emulator (2,000 nodes) over HTTP; Batch
 * calls come from the emulator's request counter. Part 2 fills an audit file with records as the route
 * writes them (intent, then outcome: two synced writes) and times the audit page's queries.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { POST } from "../../app/api/accounts/[account]/pools/[poolId]/actions/route";
import type { AuditLog } from "../../lib/audit/log";
import { SqliteAuditLog } from "../../lib/audit/sqlite-log";
import { startEmulator } from "../../lib/emulator/server";
import { actionResponse, type ActionRequest } from "../../lib/schemas/remediation";

const ACCOUNT = "bench";
const POOL = "scale-pool";
const dir = mkdtempSync(path.join(os.tmpdir(), "batchscope-remediation-bench-"));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

async function act(body: Omit<ActionRequest, "operationId" | "reason">) {
  const request = new Request(`http://localhost/api/accounts/${ACCOUNT}/pools/${POOL}/actions`, {
    method: "POST",
    headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: JSON.stringify({ operationId: randomUUID(), reason: "benchmark", ...body }),
  });
  const response = await POST(request, { params: Promise.resolve({ account: ACCOUNT, poolId: POOL }) });
  if (response.status !== 200) throw new Error(`action answered ${response.status}: ${await response.text()}`);
  return actionResponse.parse(await response.json());
}

async function bulkActions(): Promise<void> {
  // Fast simulated time so that a removal's resize finishes between its 100-id batches.
  const emu = await startEmulator({ scenario: "scale", seed: 1, account: ACCOUNT, speed: 600 });
  process.env.BATCH_ACCOUNT_NAME = ACCOUNT;
  process.env.BATCH_ACCOUNT_URL = emu.url;
  process.env.BATCH_ACCOUNT_KEY = emu.key;
  process.env.BATCHSCOPE_AUDIT_DB = path.join(dir, "actions.sqlite");
  try {
    const nodes = emu.sim.store.pools
      .get(POOL)!
      .nodes.values()
      .map((n) => n.wire.id)
      .sort();
    console.log(`\n## Bulk actions through the route handler (scale: ${nodes.length} nodes, emulator over HTTP)\n`);
    console.log("| action | nodes | wall time | per node | Batch calls | of which the action | accepted |");
    console.log("|---|---|---|---|---|---|---|");
    const row = async (
      label: string,
      n: number,
      body: Omit<ActionRequest, "operationId" | "reason" | "nodeIds">,
      actionRoute: RegExp,
      ids = nodes.slice(0, n),
    ) => {
      emu.stats.total = 0;
      emu.stats.byRoute.clear();
      const t0 = performance.now();
      const res = await act({ confirm: String(ids.length), ...body, nodeIds: ids });
      const wall = performance.now() - t0;
      const accepted = res.results.filter((r) => r.outcome === "accepted").length;
      const sent = [...emu.stats.byRoute].filter(([route]) => actionRoute.test(route)).reduce((s, [, c]) => s + c, 0);
      console.log(`| ${label} | ${ids.length} | ${ms(wall)} | ${ms(wall / ids.length)} | ${emu.stats.total} | ${sent} | ${accepted} |`);
      if (res.results.length !== ids.length) throw new Error("a node has no result");
      return res;
    };
    for (const n of [10, 100, 1000]) {
      await row("disable scheduling (requeue)", n, { action: "disableScheduling", option: "requeue" }, /disablescheduling$/);
      await row("enable scheduling", n, { action: "enableScheduling" }, /enablescheduling$/);
    }
    await row("reboot (requeue)", 100, { action: "reboot", option: "requeue" }, /reboot$/, nodes.slice(1000, 1100));
    // Removal saves evidence per node first (node, recent tasks, stderr tails) and sends 100 ids per call.
    const removed = await row("remove (requeue, with evidence)", 250, { action: "remove", option: "requeue" }, /removenodes$/, nodes.slice(1500, 1750));
    const withEvidence = await new SqliteAuditLog(process.env.BATCHSCOPE_AUDIT_DB!).get(ACCOUNT, removed.results[0]!.recordId);
    console.log(`\nEvidence of one removed node: ${(JSON.stringify(withEvidence?.evidence ?? {}).length / 1024).toFixed(1)} KiB in the record.`);
  } finally {
    await emu.close();
  }
}

async function auditAtScale(): Promise<void> {
  const file = path.join(dir, "audit.sqlite");
  const log = new SqliteAuditLog(file);
  const base = { account: ACCOUNT, poolId: POOL, role: "operator" as const, reason: "node failing every task", ticket: "INC-1234" };
  const actions = ["disableScheduling", "reboot", "remove", "enableScheduling"] as const;

  // One action's cost per node: two synced writes (synchronous=FULL), as the route does them.
  const single: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    const id = await log.appendIntent({
      ...base,
      operationId: randomUUID(),
      actor: "alice@example.com",
      nodeId: `tvmps_${i}`,
      action: "reboot",
      option: "requeue",
    });
    await log.appendOutcome(id, { outcome: "accepted", requestId: randomUUID() });
    single.push(performance.now() - t0);
  }

  const TOTAL = Number(process.env.BENCH_AUDIT_RECORDS ?? 100_000);
  const t0 = performance.now();
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let i = 500; i < TOTAL; i++) {
    const when = new Date(start + i * 60_000);
    const id = await log.appendIntent(
      {
        ...base,
        operationId: randomUUID(),
        actor: i % 1000 === 0 ? "rare@example.com" : `user${i % 20}@example.com`,
        nodeId: `tvmps_${i % 5000}`,
        action: actions[i % 4]!,
        option: "requeue",
      },
      when,
    );
    await log.appendOutcome(id, { outcome: "accepted", requestId: randomUUID() }, when);
  }
  const fillSeconds = (performance.now() - t0) / 1000;
  const size = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);

  console.log(`\n## Audit log (better-sqlite3, WAL, synchronous=FULL)\n`);
  console.log(`- One record (intent + outcome, two synced writes): median ${ms(median(single))}, p95 ${ms(pct(single, 0.95))} over 500.`);
  console.log(`- Filled to ${TOTAL.toLocaleString("en")} records in ${fillSeconds.toFixed(1)} s; file ${(size / 2 ** 20).toFixed(1)} MiB.\n`);
  console.log("| audit page query (100 per page) | rows | median | p95 |");
  console.log("|---|---|---|---|");
  const mid = new Date(start + 50_000 * 60_000);
  const queries: Array<[string, Parameters<AuditLog["list"]>[1]]> = [
    ["newest first, no filter", {}],
    ["one node", { node: "tvmps_4242" }],
    ["one actor (1 record in 1,000)", { actor: "rare@example.com" }],
    ["one action", { action: "remove" }],
    ["one hour in the middle", { from: mid.toISOString(), to: new Date(mid.getTime() + 3_600_000).toISOString() }],
    ["node + action", { node: "tvmps_4242", action: "remove" }],
  ];
  for (const [label, q] of queries) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      rows = (await log.list(ACCOUNT, q)).records.length;
      times.push(performance.now() - t);
    }
    console.log(`| ${label} | ${rows} | ${ms(median(times))} | ${ms(pct(times, 0.95))} |`);
  }
  // Paging deep with the cursor, as "Older" clicks do.
  let cursor: string | undefined;
  const t1 = performance.now();
  for (let page = 0; page < 50; page++) cursor = (await log.list(ACCOUNT, cursor ? { cursor } : {})).nextCursor;
  console.log(`\n- 50 pages through the newest 5,000 records by cursor: ${ms((performance.now() - t1) / 50)} per page.`);
  await log.close();
}

async function main(): Promise<void> {
  try {
    await bulkActions();
    await auditAtScale();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  // Streamed reads (the evidence's stderr tails) leave ms-rest-js's 10-minute stream timer armed; it holds
  // nothing a server cares about but would keep this script alive for ten minutes.
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
