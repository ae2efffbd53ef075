// No "server-only" marker: server.ts (plain Node) records route latency in the same registry the route
// bundles fill. The browser never imports it (ESLint).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Seconds: a cached read answers in milliseconds, a slow Batch page or a whole-file scan in tens of seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** What a metric may read a concurrency pool by: lib/batch's Semaphore has both. */
export interface SlotGauge {
  readonly inUse: number;
  readonly queued: number;
}

/** Read at scrape time from the accounts' semaphores, so a request never pays for them. */
function slotGauges(registry: Registry, slots: Map<string, { reads: SlotGauge; actions: SlotGauge }>): void {
  new Gauge({
    name: "batchscope_batch_slots_in_use",
    help: "Request slots to Batch in use, per account and kind (reads, actions).",
    labelNames: ["account", "kind"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [account, s] of slots) for (const kind of ["reads", "actions"] as const) this.set({ account, kind }, s[kind].inUse);
    },
  });
  new Gauge({
    name: "batchscope_batch_slots_queued",
    help: "Calls to Batch waiting for a request slot, per account and kind.",
    labelNames: ["account", "kind"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [account, s] of slots) for (const kind of ["reads", "actions"] as const) this.set({ account, kind }, s[kind].queued);
    },
  });
}

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const slots = new Map<string, { reads: SlotGauge; actions: SlotGauge }>();
  const m = {
    registry,
    /** Per account (its name in the dashboard: a configured, bounded set), read and action slots. */
    slots,
    batchCalls: new Counter({
      name: "batchscope_batch_calls_total",
      help: "Calls to Batch by operation (method and path shape) and outcome, each call counted once whatever its retries.",
      labelNames: ["operation", "outcome"] as const,
      registers: [registry],
    }),
    batchCallSeconds: new Histogram({
      name: "batchscope_batch_call_duration_seconds",
      help: "Time of a call to Batch, retries and slot waits included.",
      labelNames: ["operation", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    batchThrottled: new Counter({
      name: "batchscope_batch_throttled_total",
      help: "Answers from Batch that said to slow down (429, 503), by operation and status.",
      labelNames: ["operation", "status"] as const,
      registers: [registry],
    }),
    batchRetries: new Counter({
      name: "batchscope_batch_retries_total",
      help: "Attempts of a read sent again after a failure (request policy), by operation.",
      labelNames: ["operation"] as const,
      registers: [registry],
    }),
    readCache: new Counter({
      name: "batchscope_read_cache_total",
      help: "Reads through the shared read cache: hit (kept), coalesced (joined one in flight) or miss (sent to Batch).",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: "batchscope_http_request_duration_seconds",
      help: "Time to answer a request, by method, route pattern (never the raw URL) and status class.",
      labelNames: ["method", "route", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    actions: new Counter({
      name: "batchscope_actions_total",
      help: "Node actions by kind and outcome, one per node.",
      labelNames: ["action", "outcome"] as const,
      registers: [registry],
    }),
    snapshotsTaken: new Counter({
      name: "batchscope_snapshots_taken_total",
      help: "Snapshots saved by this process.",
      registers: [registry],
    }),
    snapshotBytes: new Histogram({
      name: "batchscope_snapshot_bytes",
      help: "Size of each snapshot saved (its frozen answers as JSON).",
      buckets: [1e4, 1e5, 1e6, 5e6, 2e7, 1e8],
      registers: [registry],
    }),
  };
  slotGauges(registry, slots);
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;

// On globalThis: one registry for the process, whichever of server.ts or a route bundle loads this first,
// and kept across hot reloads (a second registry would count half the calls, and registering a metric name
// twice throws).
const shared = globalThis as typeof globalThis & { __batchscopeMetrics?: Metrics };

export function metrics(): Metrics {
  return (shared.__batchscopeMetrics ??= createMetrics());
}

/**
 * A Batch URL's shape for a label: every id replaced by `{id}` (Batch paths alternate collection and id:
 * /pools/{id}/nodes/{id}/reboot) and a file's path by `{path}`, so the label set stays bounded whatever
 * the ids. Paging links (odata.nextLink) take the same shape as the first page.
 */
export function batchOperation(method: string, url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return `${method} ?`;
  }
  const parts = path.split("/").filter(Boolean);
  const shape: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    // Collection names come from the SDK's operation specs; anything else odd is still one label.
    if (i % 2 === 0) shape.push(/^[a-z]{1,32}$/i.test(parts[i]!) ? parts[i]!.toLowerCase() : "{x}");
    else shape.push("{id}");
    if (i % 2 === 0 && parts[i] === "files" && i + 1 < parts.length) {
      shape.push("{path}");
      break;
    }
  }
  return `${method} /${shape.join("/")}`;
}
