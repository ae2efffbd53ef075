import "server-only";
import { normalizeApiPath } from "@/lib/snapshots/api-path";
import { evidenceReads } from "@/lib/snapshots/evidence-reads";
import type { FrozenView, SnapshotView } from "@/lib/snapshots/view";
import { viewReads, type FrozenRead, type ReadGroup } from "@/lib/snapshots/view-reads";
import { redactSecrets } from "@/lib/redact";
import { FILE_HEADERS } from "@/lib/schemas/files";
import type { FrozenAnswer } from "@/lib/schemas/snapshots";

/**
 * Takes a view's answers (docs/snapshots.md): the dashboard's own GET routes, run in-process with the
 * caller's headers (`readApi`, given by the app layer, which owns the route table), so each frozen answer
 * is what the browser would have got. Stage 1 (the view's own reads) first, then the evidence until the
 * size bound; `cut` says in words what did not fit. Only answers are stored, never the request's headers.
 */
export type ReadApi = (path: string) => Promise<{ status: number; headers: Headers; bytes: Uint8Array }>;

/** Stored answers per snapshot, before compression. */
export const SNAPSHOT_MAX_BYTES = 5 * 1024 * 1024;
/** A file view's selected lines: at most this much of them is kept. */
export const MAX_LINES_BYTES = 256 * 1024;
/** Reads run at once: as many as a page's panels start, leaving the account's other read slots to users. */
const PARALLEL = 6;
/** Stage-1 reads that depend on other answers settle within a few rounds (the job's pool, then its audit). */
const ROUNDS = 4;
/** Answer headers worth keeping: what the browser's fetch path reads. */
const KEPT_HEADERS = ["content-type", FILE_HEADERS.size, FILE_HEADERS.start, FILE_HEADERS.lastModified];

export interface Captured {
  answers: Record<string, FrozenAnswer>;
  sizeBytes: number;
  cut: string[];
}

interface State {
  answers: Record<string, FrozenAnswer>;
  parsed: Map<string, unknown>;
  tried: Set<string>;
  size: number;
  max: number;
  stored: Record<ReadGroup, number>;
  cut: string[];
  full: boolean;
}

export async function captureView(v: SnapshotView, frozen: FrozenView, readApi: ReadApi, max = SNAPSHOT_MAX_BYTES): Promise<Captured> {
  const s: State = { answers: {}, parsed: new Map(), tried: new Set(), size: 0, max, stored: { view: 0, cells: 0, tasks: 0, tails: 0 }, cut: [], full: false };
  for (let round = 0; round < ROUNDS; round++) {
    const fresh = viewReads(v, frozen.query, s.parsed).filter((r) => !s.tried.has(keyOf(r)));
    if (fresh.length === 0) break;
    await runAll(s, fresh, readApi);
  }
  let plan = evidenceReads(v, frozen.query, s.parsed);
  for (let round = 0; round < ROUNDS && !s.full; round++) {
    const fresh = plan.reads.filter((r) => !s.tried.has(keyOf(r)));
    if (fresh.length === 0) break;
    await runAll(s, fresh, readApi);
    plan = evidenceReads(v, frozen.query, s.parsed);
  }
  s.cut.push(...evidenceCut(plan.totals, s.stored));
  return { answers: s.answers, sizeBytes: s.size, cut: s.cut };
}

const keyOf = (r: FrozenRead) => normalizeApiPath(r.path);

/** In order, PARALLEL at a time; once the bound is reached the rest are left out (and said so by the caller). */
async function runAll(s: State, reads: FrozenRead[], readApi: ReadApi): Promise<void> {
  for (let i = 0; i < reads.length && !s.full; i += PARALLEL) {
    const batch = reads.slice(i, i + PARALLEL);
    for (const r of batch) s.tried.add(keyOf(r));
    const got = await Promise.all(batch.map((r) => readOne(r, readApi).catch((err: unknown) => ({ failed: err }))));
    batch.forEach((r, j) => {
      const g = got[j]!;
      if ("failed" in g) return;
      for (const [key, answer, parsed] of g) store(s, r, key, answer, parsed);
    });
  }
}

function store(s: State, r: FrozenRead, key: string, answer: FrozenAnswer, parsed: unknown): void {
  if (s.answers[key]) return;
  const size = answer.body.length;
  if (s.size + size > s.max) {
    // The view's own reads are each tried; the first piece of evidence that does not fit ends the evidence.
    if (r.group === "view") s.cut.push(`the view's read ${key} (${size} bytes did not fit in ${s.max} bytes)`);
    else s.full = true;
    return;
  }
  s.answers[key] = answer;
  s.size += size;
  if (key === keyOf(r) && !(r.group === "tasks" && r.path.endsWith("/files"))) s.stored[r.group]++;
  if (parsed !== undefined) s.parsed.set(key, parsed);
}

type Stored = [key: string, answer: FrozenAnswer, parsed: unknown];

async function readOne(r: FrozenRead, readApi: ReadApi): Promise<Stored[]> {
  if (r.kind === "json") return [await settledJson(keyOf(r), r.path, readApi)];
  if (r.kind === "fileTail") return [await fileSlice(r.path, `length=${r.bytes}`, readApi)];
  // The selected lines: where the first starts and where the one after the last starts (or the file ends).
  const first = jsonAnswer(normalizeApiPath(`${r.path}?line=${r.lines.from}`), await readApi(`${r.path}?line=${r.lines.from}`));
  const start = (first[2] as { offset?: number } | undefined)?.offset;
  if (start === undefined) return [first, [normalizeApiPath(r.path), first[1], undefined]];
  const after = jsonAnswer("", await readApi(`${r.path}?line=${r.lines.to + 1}`));
  const size = (first[2] as { size: number }).size;
  const end = (after[2] as { offset?: number } | undefined)?.offset ?? size;
  // The lines with the context the viewer shows around them (a line link loads 256 KiB above, docs/snapshots.md):
  // selecting lines marks them, it does not throw the rest of a short file away.
  const from = Math.max(0, start - MAX_LINES_BYTES);
  const to = Math.min(size, Math.max(end, start + MAX_LINES_BYTES), from + 2 * MAX_LINES_BYTES);
  return [first, await fileSlice(r.path, `offset=${from}&length=${Math.max(1, to - from)}`, readApi)];
}

/** How long a capture waits for a heatmap's totals, asking as the page does (docs/diagnosis.md, failures first). */
const SETTLE_MS = 90_000;
const SETTLE_EVERY_MS = 1_000;

/**
 * A JSON answer, asked again while it says its rates are pending: a heatmap's first answer holds the failures
 * alone, and a snapshot must freeze the verdict and rates, not "loading". Past SETTLE_MS the pending answer is
 * kept (and shows as pending on the snapshot page) rather than holding the snapshot back forever.
 */
async function settledJson(key: string, path: string, readApi: ReadApi): Promise<Stored> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const answer = jsonAnswer(key, await readApi(path));
    const pending = (answer[2] as { ratesPending?: boolean } | undefined)?.ratesPending === true;
    if (!pending || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, SETTLE_EVERY_MS));
  }
}

function jsonAnswer(key: string, res: { status: number; headers: Headers; bytes: Uint8Array }): Stored {
  const body = Buffer.from(res.bytes).toString("utf8");
  let parsed: unknown;
  if (res.status >= 200 && res.status < 300) {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  return [key, { status: res.status, headers: kept(res.headers), body, encoding: "utf8" }, parsed];
}

/** A file's bytes as a 206 slice with its content-range, under the file's path without a query (an error answer as it came). */
async function fileSlice(path: string, query: string, readApi: ReadApi): Promise<Stored> {
  const res = await readApi(`${path}?${query}`);
  const key = normalizeApiPath(path);
  if (res.status < 200 || res.status >= 300) return jsonAnswer(key, res);
  const start = Number(res.headers.get(FILE_HEADERS.start) ?? 0);
  const size = Number(res.headers.get(FILE_HEADERS.size) ?? start + res.bytes.length);
  const bytes = redactedText(Buffer.from(res.bytes));
  const range = bytes.length > 0 ? `bytes ${start}-${start + bytes.length - 1}/${size}` : `bytes */${size}`;
  const headers = { ...kept(res.headers), "content-range": range };
  return [key, { status: 206, headers, body: bytes.toString("base64"), encoding: "base64" }, undefined];
}

/**
 * Task output echoes command lines and connection strings: a text slice is stored redacted by the rules the
 * audit evidence uses (lib/redact.ts), so the store never keeps a secret. Its range then ends where the
 * redacted text ends. Bytes that are not text (a NUL, or not UTF-8) are kept as they are.
 */
function redactedText(bytes: Buffer): Buffer {
  if (bytes.includes(0)) return bytes;
  // A tail may begin inside a character: those continuation bytes stay as they are, before the text.
  let head = 0;
  while (head < 3 && head < bytes.length && (bytes[head]! & 0xc0) === 0x80) head++;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(head));
  } catch {
    return bytes;
  }
  const clean = redactSecrets(text);
  return clean === text ? bytes : Buffer.concat([bytes.subarray(0, head), Buffer.from(clean, "utf8")]);
}

function kept(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = h.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}

function evidenceCut(totals: Partial<Record<ReadGroup, number>>, stored: Record<ReadGroup, number>): string[] {
  const words: [ReadGroup, (left: number, all: number) => string][] = [
    ["cells", (l, n) => `failed-task lists of ${l} of ${n} heatmap cells with failures`],
    ["tasks", (l, n) => `details of ${l} of ${n} failed tasks`],
    ["tails", (l, n) => `stderr tails of ${l} of ${n} failed tasks`],
  ];
  return words.flatMap(([g, say]) => {
    const all = totals[g] ?? 0;
    return all > stored[g] ? [say(all - stored[g], all)] : [];
  });
}
