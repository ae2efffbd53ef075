import "server-only";
import { timingSafeEqual } from "node:crypto";
import { Gauge } from "prom-client";
import { workCache } from "@/lib/audit/cache";
import { pingStore } from "@/lib/audit/ping";
import { snapshotStore } from "@/lib/audit/snapshots";
import { listAccounts } from "@/lib/batch/accounts";
import { readEnv } from "@/lib/env";
import { isLoopbackAddress } from "@/lib/net-address";
import { peerAddress } from "@/lib/identity/peer";
import { metrics, type Metrics } from "@/lib/observability/metrics";
import type { ApiErrorBody } from "@/lib/schemas/api-error";

/**
 * Who may read /metrics (docs/architecture.md "Observability"): with BATCHSCOPE_METRICS_TOKEN set, a
 * request carrying it as a bearer token, from anywhere; without it, only a connection from this machine
 * (the stamped peer, lib/identity/peer.ts, so a header cannot claim it). The counts say how busy the
 * dashboard and Batch are, which is not for everyone.
 */
export function metricsAllowed(headers: Headers): boolean {
  const token = readEnv().BATCHSCOPE_METRICS_TOKEN;
  if (token) {
    const sent = Buffer.from(headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "");
    const want = Buffer.from(token);
    return sent.length === want.length && timingSafeEqual(sent, want);
  }
  const peer = peerAddress(headers);
  return isLoopbackAddress(peer);
}

export function metricsRefused(): Response {
  const body: ApiErrorBody = {
    error: { kind: "auth", status: 403, code: "MetricsForbidden", message: "Metrics are read from this machine, or with BATCHSCOPE_METRICS_TOKEN." },
  };
  return Response.json(body, { status: 403, headers: { "cache-control": "no-store" } });
}

type StoreGauges = {
  up: Gauge<string>;
  entries: Gauge<"kind">;
  bytes: Gauge<"kind">;
  snapshots: Gauge<"account">;
  snapshotBytes: Gauge<"account">;
};
const state = globalThis as typeof globalThis & { __batchscopeStoreGauges?: StoreGauges };

function storeGauges(m: Metrics): StoreGauges {
  return (state.__batchscopeStoreGauges ??= {
    up: new Gauge({ name: "batchscope_store_up", help: "1 when the store answered at the last scrape, else 0.", registers: [m.registry] }),
    entries: new Gauge({
      name: "batchscope_work_cache_entries",
      help: "Entries in the store's work cache, by kind.",
      labelNames: ["kind"],
      registers: [m.registry],
    }),
    bytes: new Gauge({ name: "batchscope_work_cache_bytes", help: "Bytes in the store's work cache, by kind.", labelNames: ["kind"], registers: [m.registry] }),
    snapshots: new Gauge({
      name: "batchscope_snapshots_stored",
      help: "Snapshots in the store, per account.",
      labelNames: ["account"],
      registers: [m.registry],
    }),
    snapshotBytes: new Gauge({
      name: "batchscope_snapshots_stored_bytes",
      help: "Size of the snapshots in the store, per account.",
      labelNames: ["account"],
      registers: [m.registry],
    }),
  });
}

/** The store's figures are read at scrape time (one ping, one usage query), not on every request. */
async function refreshStoreGauges(m: Metrics): Promise<void> {
  const g = storeGauges(m);
  try {
    await pingStore();
    g.up.set(1);
    for (const [kind, u] of Object.entries(await workCache().usage())) {
      g.entries.set({ kind }, u.entries);
      g.bytes.set({ kind }, u.bytes);
    }
    await refreshSnapshotGauges(g);
  } catch {
    g.up.set(0);
  }
}

/** Pages of snapshot metadata read per account at a scrape; past this the gauges say "at least". */
const SNAPSHOT_PAGES = 20;

/** Through the store's own listing (meta only, no content), so any store implementation answers it. */
async function refreshSnapshotGauges(g: StoreGauges): Promise<void> {
  const store = snapshotStore();
  for (const { name } of await listAccounts()) {
    let count = 0;
    let bytes = 0;
    let cursor: string | undefined;
    for (let page = 0; page < SNAPSHOT_PAGES; page++) {
      const { snapshots, nextCursor } = await store.list(name, { limit: 500, ...(cursor ? { cursor } : {}) });
      count += snapshots.length;
      for (const s of snapshots) bytes += s.sizeBytes;
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    g.snapshots.set({ account: name }, count);
    g.snapshotBytes.set({ account: name }, bytes);
  }
}

export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  await refreshStoreGauges(m);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
