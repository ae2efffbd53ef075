/**
 * Snapshot benchmark: what freezing the `scale` pool's page costs (docs/snapshots.md): the time to take it
 * (POST, every panel's read and the evidence, through the routes' own handlers), its stored size before and
 * after compression, and the time to open it (GET). A benchmark, not a test: vitest's include list does not
 * match it.
 *
 * Run:
 *   node --conditions=react-server --import tsx tests/bench/snapshot.bench.ts
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { GET as snapshotGET } from "../../app/api/accounts/[account]/snapshots/[snapshotId]/route";
import { POST as snapshotsPOST } from "../../app/api/accounts/[account]/snapshots/route";
import { startEmulator } from "../../lib/emulator/server";
import { snapshotResponse } from "../../lib/schemas/snapshots";

const ACCOUNT = "bench";
const ms = (t: number) => Math.round(t);

async function main(): Promise<void> {
  const t0 = performance.now();
  const emu = await startEmulator({ scenario: "scale", seed: 1, account: ACCOUNT });
  console.log(`emulator: scenario scale, seed 1, started in ${ms(performance.now() - t0)} ms (in this process)`);
  const db = join(mkdtempSync(join(tmpdir(), "snapshot-bench-")), "audit.sqlite");
  Object.assign(process.env, {
    BATCH_ACCOUNT_NAME: ACCOUNT,
    BATCH_ACCOUNT_URL: emu.url,
    BATCH_ACCOUNT_KEY: emu.key,
    BATCHSCOPE_LOCAL_OPERATOR: "true",
    BATCHSCOPE_AUDIT_DB: db,
  });
  try {
    for (const round of ["cold", "warm"]) {
      const start = performance.now();
      const res = await snapshotsPOST(
        new Request(`http://localhost/api/accounts/${ACCOUNT}/snapshots`, {
          method: "POST",
          headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" },
          body: JSON.stringify({ view: `/${ACCOUNT}/pools/scale-pool` }),
        }),
        { params: Promise.resolve({ account: ACCOUNT }) },
      );
      const took = performance.now() - start;
      const created = (await res.json()) as { id: string };
      if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${JSON.stringify(created)}`);
      const open = performance.now();
      const got = await snapshotGET(new Request(`http://localhost/api/accounts/${ACCOUNT}/snapshots/${created.id}`), {
        params: Promise.resolve({ account: ACCOUNT, snapshotId: created.id }),
      });
      const text = await got.text();
      const opened = performance.now() - open;
      const { snapshot, content } = snapshotResponse.parse(JSON.parse(text));
      const blob = new Database(db, { readonly: true }).prepare("SELECT length(content) AS n FROM snapshots WHERE id = ?").get(created.id) as { n: number };
      const groups = Object.keys(content.answers).reduce<Record<string, number>>((acc, k) => {
        const g = k.includes("/heatmap/cell") ? "cells" : k.endsWith("/stderr.txt") ? "tails" : /\/tasks\/[^/?]+(\/files)?$/.test(k) ? "tasks" : "view";
        acc[g] = (acc[g] ?? 0) + 1;
        return acc;
      }, {});
      const heat = Object.entries(content.answers).find(([k]) => k.includes("/heatmap?"));
      console.log(
        `${round}: taken in ${ms(took)} ms; ${Object.keys(content.answers).length} answers ${JSON.stringify(groups)}; ` +
          `stored ${snapshot.sizeBytes} bytes (heatmap ${heat?.[1].body.length ?? 0}), ${blob.n} gzip-compressed; ` +
          `opened in ${ms(opened)} ms (${text.length} bytes of JSON); cut: ${snapshot.cut.join("; ") || "nothing"}`,
      );
    }
  } finally {
    await emu.close();
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
