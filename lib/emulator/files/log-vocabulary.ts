import type { Rng } from "./prng";

export type LogLevel = "INFO" | "WARN" | "ERROR" | "DEBUG";

export interface LogMessage {
  level: LogLevel;
  component: string;
  text: string;
  /** Follow-up lines written without a timestamp, like a Python traceback. */
  continuation: string[];
}

type Template = (r: Rng) => string;

const FILES = ["part-00017.parquet", "frame_0412.exr", "shard-0093.tfrecord", "résumé_2024.pdf", "données_brutes.csv", "報告書.xlsx"];
const CONTAINERS = ["outputs", "checkpoints", "renders", "données", "logs"];
const USERS = ["amélie", "jürgen", "søren", "zoë", "田中太郎", "ana", "build-bot"];
const HOSTS = ["storage.blob.core.windows.net:443", "10.0.4.17:5432", "redis.internal:6379", "login.microsoftonline.com:443"];

const INFO: Record<string, Template[]> = {
  scheduler: [
    (r) => `processed batch ${r.between(1, 99999)} in ${r.between(3, 950)} ms`,
    (r) => `dispatched ${r.between(1, 64)} tasks to pool gpu-pool-${r.between(1, 4)}`,
    (r) => `queue depth ${r.between(0, 5000)} (target ${r.pick([100, 500, 1000])})`,
  ],
  storage: [
    (r) => `uploaded ${r.pick(FILES)} (${r.between(1, 90000)} KiB) to container '${r.pick(CONTAINERS)}'`,
    (r) => `download of ${r.pick(FILES)} completed in ${r.between(0, 59)}.${r.between(0, 9)}s`,
  ],
  trainer: [
    (r) => `epoch ${r.between(1, 50)}/50 step ${r.between(1, 9999)} loss=${(r.int(4000) / 1000).toFixed(4)} acc=${(r.int(1000) / 1000).toFixed(3)}`,
    (r) => `checkpoint saved to /mnt/batch/tasks/shared/ckpt-${r.between(1, 400)}.pt`,
    (r) => `🚀 stage ${r.between(1, 9)} complete`,
  ],
  http: [(r) => `GET /api/v1/items/${r.between(1, 999999)} 200 ${r.between(1, 400)}ms`, (r) => `POST /api/v1/jobs 201 ${r.between(5, 900)}ms`],
  auth: [(r) => `token refreshed for user ${r.pick(USERS)}`, () => "✅ health check passed"],
  sensor: [
    (r) => `température du nœud: ${r.between(35, 92)}°C`,
    (r) => `データ処理完了 ${r.between(1, 9999)} 件`,
    (r) => `Zürich region latency ${r.between(2, 300)} ms`,
  ],
};

const WARN: Template[] = [
  (r) => `retrying connection to storage (attempt ${r.between(2, 5)}/5)`,
  (r) => `slow query took ${r.between(1000, 30000)} ms`,
  (r) => `disk usage at ${r.between(80, 99)}% on /mnt/batch`,
  (r) => `memory pressure: rss=${r.between(2000, 15000)} MiB`,
  (r) => `⚠️ falling back to CPU for batch ${r.between(1, 99999)}`,
];

const ERROR: Template[] = [
  (r) => `failed to process record ${r.between(1, 9999999)}: invalid UTF-8 sequence`,
  (r) => `connection reset by peer (${r.pick(HOSTS)})`,
  (r) => `subprocess exited with code ${r.pick([1, 2, 127, 137, 139])}`,
  (r) => `unhandled exception in worker ${r.between(0, 31)}`,
];

const DEBUG: Template[] = [
  (r) => `cache hit ratio ${(r.int(1000) / 1000).toFixed(3)}`,
  (r) => `heartbeat seq=${r.between(1, 999999)}`,
  (r) => `gc pause ${r.between(1, 120)} ms`,
];

// Structured-logging fields; lines take a few of these, each at most once, to reach their length.
const CONTEXT_FIELDS: Template[] = [
  (r) => `job=render-${r.between(100, 999)}`,
  (r) => `task=task-${r.between(0, 9999)}`,
  (r) => `node=tvmps_${r.next().toString(16).padStart(8, "0")}_d`,
  (r) => `request_id=${r.next().toString(16).padStart(8, "0")}-${r.int(0xffff).toString(16).padStart(4, "0")}`,
  (r) => `thread=${r.pick(["MainThread", "worker-1", "worker-2", "uploader", "ThreadPoolExecutor-0_3"])}`,
  (r) => `pid=${r.between(300, 65000)}`,
  (r) => `elapsed_ms=${r.between(0, 99999)}`,
  (r) => `region=${r.pick(["westeurope", "eastus2", "japaneast", "switzerlandnorth"])}`,
];

/** Up to `count` distinct context fields, in random order. */
export function contextFields(r: Rng, count: number): string[] {
  const order = CONTEXT_FIELDS.map((field, i) => ({ field, key: r.next() + i / CONTEXT_FIELDS.length }));
  order.sort((a, b) => a.key - b.key);
  return order.slice(0, count).map(({ field }) => field(r));
}

const FRAMES = [
  ["/mnt/batch/tasks/shared/app/worker.py", "run", "result = self.process(record)"],
  ["/mnt/batch/tasks/shared/app/pipeline.py", "process", 'return transform(record["payload"])'],
  ["/usr/lib/python3.10/json/decoder.py", "decode", "obj, end = self.raw_decode(s, idx=_w(s, 0).end())"],
  ["/mnt/batch/tasks/shared/app/io.py", "write_chunk", "fh.write(chunk)"],
] as const;

const EXCEPTIONS = [
  "ValueError: could not convert string to float: 'n/a'",
  "KeyError: 'payload'",
  "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
  "ConnectionResetError: [Errno 104] Connection reset by peer",
  "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 17: invalid continuation byte",
];

const COMPONENTS = Object.keys(INFO);

export function randomMessage(r: Rng): LogMessage {
  const roll = r.int(100);
  const level: LogLevel = roll < 68 ? "INFO" : roll < 83 ? "DEBUG" : roll < 94 ? "WARN" : "ERROR";
  const component = r.pick(COMPONENTS);
  const templates = level === "INFO" ? (INFO[component] ?? DEBUG) : level === "WARN" ? WARN : level === "ERROR" ? ERROR : DEBUG;
  const text = r.pick(templates)(r);
  const continuation = level === "ERROR" && r.chance(0.5) ? traceback(r) : [];
  return { level, component, text, continuation };
}

function traceback(r: Rng): string[] {
  const lines = ["Traceback (most recent call last):"];
  const frames = r.between(1, 3);
  for (let i = 0; i < frames; i += 1) {
    const [file, fn, source] = r.pick(FRAMES);
    lines.push(`  File "${file}", line ${r.between(12, 480)}, in ${fn}`, `    ${source}`);
  }
  lines.push(r.pick(EXCEPTIONS));
  return lines;
}

/**
 * Exactly `length` bytes of key=value pairs for the line that fills out each block. ASCII only, so
 * bytes equal characters; the gap smaller than one more pair is padded with spaces.
 */
export function metricsFill(r: Rng, length: number): string {
  const gauges: Template[] = [
    (g) => `cpu=${g.between(0, 100)}%`,
    (g) => `mem=${g.between(200, 60000)}MiB`,
    (g) => `disk=${g.between(1, 99)}%`,
    (g) => `net_rx=${g.between(0, 99999)}KiB/s`,
    (g) => `net_tx=${g.between(0, 99999)}KiB/s`,
    (g) => `gpu0=${g.between(0, 100)}%`,
    (g) => `load1=${(g.int(6400) / 100).toFixed(2)}`,
  ];
  let text = "";
  for (let i = 0; ; i += 1) {
    const gauge = gauges[i];
    const pair = gauge === undefined ? `q${i - gauges.length}=${r.between(0, 9999)}` : gauge(r);
    const candidate = text === "" ? pair : `${text} ${pair}`;
    if (candidate.length > length) break;
    text = candidate;
  }
  return text.padEnd(length, " ");
}
