import "server-only";
import { keptWork } from "@/lib/audit/cache";
import { BadRequestError } from "@/lib/errors/api-error";
import type { BatchAccount } from "./accounts";
import { accountClient } from "./client";
import { fetchRange, fileProperties, rangesInParallel, readRanges, SCAN_CHUNK_BYTES, type FileOwner } from "./files";
import { appendRanges, CHECKPOINT_LINES, countRange, emptyIndex, lineCount, type LineIndex } from "./line-counts";
import { decodeIndex, encodeIndex, stillDescribes, TAIL_BYTES, type FileStamp, type KeptIndex } from "./line-index-record";
import { fileKeys } from "./read-keys";
import { processShared } from "./process-shared";

export { CHECKPOINT_LINES, lineCount, type LineIndex };

const MAX_INDEXES = 32;
const NEWLINE = 0x0a;
/** Before a file's first range is counted its lines' length is unknown: short log lines are the guess. */
const GUESSED_LINE_BYTES = 80;

export interface IndexOptions {
  signal?: AbortSignal;
  /** The range size; tests make it small to cut small files into many ranges. */
  chunkBytes?: number;
}

/**
 * The line index of each file recently asked for (docs/architecture.md "Long reads, limits and the cache"), built by reading the
 * file in ranges, several at once, and extended (not rebuilt) when the file has only grown.
 */
const indexes = processShared("LineIndexes", () => new Map<string, KeptIndex>());

/** A build in flight, shared by everyone asking for the file; it stops when the last of them has left. */
interface Build {
  job: Promise<KeptIndex>;
  stop: AbortController;
  waiters: number;
}
const building = processShared("LineIndexBuilds", () => new Map<string, Build>());

/** Also the store's key (kind "line-index"): account, the file's owner, its path. */
export const lineIndexKey = (account: BatchAccount, owner: FileOwner, path: string) => `${account.name}|${fileKeys.owner(owner)}|${path}`;

const enough = (idx: LineIndex, fileSize: number, needLine: number) => idx.size === fileSize || idx.newlines >= needLine;

/**
 * The index of a file, read at least as far as `needLine` (or to the end): a link to line 120 reads a few
 * kilobytes, one to line 1,000,000 reads up to it, and a later link further down continues from there.
 * When every caller waiting for a build has aborted, the build stops reading; what it read is kept.
 */
export async function lineIndex(
  account: BatchAccount,
  owner: FileOwner,
  path: string,
  needLine = Infinity,
  opts: IndexOptions = {},
): Promise<{ idx: LineIndex; fileSize: number }> {
  const key = lineIndexKey(account, owner, path);
  const props = await fileProperties(account, owner, path);
  const stamp: FileStamp = { size: props.size, creationTime: props.creationTime, lastModified: props.lastModified };
  for (;;) {
    opts.signal?.throwIfAborted();
    const known = indexes.get(key);
    if (known && stillDescribes(known, stamp) && enough(known, stamp.size, needLine)) return { idx: known, fileSize: stamp.size };
    const pending = building.get(key);
    if (pending) {
      await waitFor(pending, opts.signal).catch(() => undefined);
      continue;
    }
    const stop = new AbortController();
    const build: Build = { stop, waiters: 0, job: Promise.resolve(known ?? kept(emptyIndex(), Buffer.alloc(0), stamp)) };
    build.job = buildIndex({ account, owner, path, key, stamp, needLine, signal: stop.signal, opts }, known)
      .then((idx) => {
        indexes.delete(key);
        indexes.set(key, idx);
        if (indexes.size > MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
        return idx;
      })
      .finally(() => building.delete(key));
    building.set(key, build);
    await waitFor(build, opts.signal);
  }
}

/** Waits for a build as one of its waiters: an abort stops this wait at once, and the build with the last waiter. */
async function waitFor(build: Build, signal: AbortSignal | undefined): Promise<KeptIndex> {
  build.waiters++;
  let leave = () => {};
  const left = new Promise<never>((_, reject) => {
    leave = () => {
      if (--build.waiters === 0) build.stop.abort();
      reject(signal?.reason ?? new Error("aborted"));
    };
    if (signal?.aborted) leave();
    else signal?.addEventListener("abort", leave, { once: true });
  });
  left.catch(() => undefined);
  try {
    return await Promise.race([build.job, left]);
  } finally {
    if (!signal?.aborted) build.waiters--;
    signal?.removeEventListener("abort", leave);
  }
}

interface BuildSpec {
  account: BatchAccount;
  owner: FileOwner;
  path: string;
  key: string;
  stamp: FileStamp;
  needLine: number;
  signal: AbortSignal;
  opts: IndexOptions;
}

/**
 * From memory, else from the store's work cache (kind "line-index", docs/architecture.md "Store"), else from
 * nothing; then read on only as far as needed, and keep the result there too.
 */
async function buildIndex(spec: BuildSpec, known: KeptIndex | undefined): Promise<KeptIndex> {
  let base = known && stillDescribes(known, spec.stamp) ? known : undefined;
  if (!base) {
    const stored = await keptWork.get("line-index", spec.key).then((v) => (v ? decodeIndex(v) : undefined));
    if (stored && stillDescribes(stored, spec.stamp)) base = stored;
  }
  if (base && enough(base, spec.stamp.size, spec.needLine)) return base;
  const built = await extend(spec, base ?? kept(emptyIndex(), Buffer.alloc(0), spec.stamp));
  // Losing the store costs the next restart a read, never this answer.
  if (built.size !== base?.size) await keptWork.put("line-index", spec.key, encodeIndex(built));
  return built;
}

const kept = (idx: LineIndex, tail: Buffer, stamp: FileStamp): KeptIndex => ({
  ...idx,
  tail,
  ...(stamp.creationTime ? { created: stamp.creationTime } : {}),
  ...(stamp.lastModified ? { modified: stamp.lastModified } : {}),
});

/** The last TAIL_BYTES of what was indexed, after `bytes` follows `tail`. */
const lastBytes = (tail: Buffer, bytes: Buffer) =>
  bytes.length >= TAIL_BYTES ? Buffer.from(bytes.subarray(bytes.length - TAIL_BYTES)) : Buffer.concat([tail, bytes]).subarray(-TAIL_BYTES);

/**
 * Reads the file on from where `base` ends, several ranges at once, counting each range's newlines and
 * adding them in file order. A deep link keeps in flight only the ranges its line is likely to need (by
 * the average line so far), so it stops soon after the line; a whole-file build keeps all it may. The
 * first range starts TAIL_BYTES early: those bytes must be the ones indexed, or the file was replaced.
 */
async function extend(spec: BuildSpec, base: KeptIndex): Promise<KeptIndex> {
  const { account, owner, path, stamp, needLine, signal } = spec;
  const chunkBytes = spec.opts.chunkBytes ?? SCAN_CHUNK_BYTES;
  const { client, slots } = accountClient(account);
  const parallel = rangesInParallel(slots);
  let idx: LineIndex = base;
  let tail = base.tail;
  const ahead = () => {
    if (needLine === Infinity) return parallel;
    const perLine = idx.newlines > 0 ? idx.size / idx.newlines : GUESSED_LINE_BYTES;
    return Math.min(parallel, Math.ceil(((needLine - idx.newlines) * perLine) / chunkBytes));
  };
  let check = base.tail.length;
  try {
    for await (const range of readRanges(client, owner, path, base.size - check, stamp.size, { chunkBytes, ahead, signal })) {
      let { offset, bytes } = range;
      if (check > 0) {
        if (!bytes.subarray(0, check).equals(base.tail)) return extend(spec, kept(emptyIndex(), Buffer.alloc(0), stamp));
        [offset, bytes, check] = [offset + check, bytes.subarray(check), 0];
      }
      idx = appendRanges(idx, [countRange(offset, bytes)]);
      tail = lastBytes(tail, bytes);
      if (idx.newlines >= needLine) break;
    }
  } catch (err) {
    // Stopped because everyone left: the ranges read so far are a valid index, kept to extend later.
    if (!signal.aborted) throw err;
  }
  return kept(idx, tail, stamp);
}

export interface LineLocation {
  line: number;
  offset: number;
  size: number;
  /** Lines in the file, once the index has read all of it. */
  lines?: number;
}

/** The byte offset where a line (1-based) starts: from the nearest checkpoint, counting the rest. */
export async function locateLine(account: BatchAccount, owner: FileOwner, path: string, line: number, opts: IndexOptions = {}): Promise<LineLocation> {
  // Line N starts after N − 1 newlines: the index must have seen that many.
  const { idx, fileSize } = await lineIndex(account, owner, path, line - 1, opts);
  const whole = idx.size === fileSize;
  const lines = whole ? lineCount(idx) : undefined;
  if (lines !== undefined && line > Math.max(1, lines)) throw new BadRequestError(`line ${line} is past the end of the file, which has ${lines} lines`);
  const k = Math.floor((line - 1) / CHECKPOINT_LINES);
  let offset = idx.checkpoints[k] ?? 0;
  let toSkip = line - 1 - k * CHECKPOINT_LINES;
  const { client } = accountClient(account);
  while (toSkip > 0 && offset < fileSize) {
    const bytes = await fetchRange(client, owner, path, offset, Math.min(fileSize, offset + 256 * 1024) - 1, opts.signal);
    let i = -1;
    while (toSkip > 0 && (i = bytes.indexOf(NEWLINE, i + 1)) !== -1) toSkip--;
    offset = toSkip === 0 ? offset + i + 1 : offset + bytes.length;
  }
  return { line, offset, size: fileSize, ...(lines !== undefined ? { lines } : {}) };
}
