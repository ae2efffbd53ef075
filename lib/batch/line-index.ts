import "server-only";
import { BadRequestError } from "@/lib/errors/api-error";
import type { BatchAccount } from "./accounts";
import { accountClient } from "./client";
import { fetchRange, fileProperties, scanFile, type FileOwner } from "./files";
import { fileKeys } from "./read-keys";

/** A checkpoint every 1,024 lines: a line is then at most 1,023 newlines past a known offset. */
export const CHECKPOINT_LINES = 1024;
const MAX_INDEXES = 32;
const NEWLINE = 0x0a;

/**
 * Where every 1,024th line of a file starts, built by reading the file in ranges once, kept by file and
 * extended (not rebuilt) when the file has only grown, as a log being written does. A 100 MiB log with
 * 100-byte lines needs about a thousand checkpoints: a few kilobytes.
 */
export interface LineIndex {
  /** Bytes indexed so far: the index is only read as far as a line has been asked for. */
  size: number;
  /** checkpoints[k] is the byte offset where line k × CHECKPOINT_LINES + 1 starts. */
  checkpoints: number[];
  /** Newlines in the indexed bytes. */
  newlines: number;
  lastByte?: number;
}

const indexes = new Map<string, LineIndex>();

/** A build in flight, shared by everyone asking for the file; it stops when the last of them has left. */
interface Build {
  job: Promise<LineIndex>;
  stop: AbortController;
  waiters: number;
}
const building = new Map<string, Build>();

const fileKey = (account: BatchAccount, owner: FileOwner, path: string) => `${account.name}|${fileKeys.owner(owner)}|${path}`;

/** Lines in a file: one more than its newlines when the last line has none. */
export const lineCount = (idx: LineIndex) => idx.newlines + (idx.size > 0 && idx.lastByte !== NEWLINE ? 1 : 0);

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
  signal?: AbortSignal,
): Promise<{ idx: LineIndex; fileSize: number }> {
  const key = fileKey(account, owner, path);
  const { size: fileSize } = await fileProperties(account, owner, path);
  for (;;) {
    signal?.throwIfAborted();
    const known = indexes.get(key);
    // Enough when it reaches the line, or the file's end; a file that shrank was replaced, so start over.
    if (known && known.size <= fileSize && (known.size === fileSize || known.newlines >= needLine)) return { idx: known, fileSize };
    const pending = building.get(key);
    if (pending) {
      await waitFor(pending, signal).catch(() => undefined);
      continue;
    }
    const base: LineIndex = known && known.size < fileSize ? { ...known, checkpoints: [...known.checkpoints] } : { size: 0, checkpoints: [0], newlines: 0 };
    const stop = new AbortController();
    const build: Build = { stop, waiters: 0, job: Promise.resolve(base) };
    build.job = extend(account, owner, path, base, fileSize, needLine, stop.signal)
      .then((idx) => {
        indexes.delete(key);
        indexes.set(key, idx);
        if (indexes.size > MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
        return idx;
      })
      .finally(() => building.delete(key));
    building.set(key, build);
    await waitFor(build, signal);
  }
}

/** Waits for a build as one of its waiters: an abort stops this wait at once, and the build with the last waiter. */
async function waitFor(build: Build, signal: AbortSignal | undefined): Promise<LineIndex> {
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

async function extend(
  account: BatchAccount,
  owner: FileOwner,
  path: string,
  idx: LineIndex,
  fileSize: number,
  needLine: number,
  signal: AbortSignal,
): Promise<LineIndex> {
  const { client } = accountClient(account);
  let { newlines, lastByte } = idx;
  let size = idx.size;
  try {
    for await (const { offset, bytes } of scanFile(client, owner, path, idx.size, fileSize, undefined, signal)) {
      for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) {
        newlines++;
        if (newlines % CHECKPOINT_LINES === 0) idx.checkpoints.push(offset + i + 1);
      }
      if (bytes.length > 0) lastByte = bytes[bytes.length - 1];
      size = offset + bytes.length;
      if (newlines >= needLine) break;
    }
  } catch (err) {
    // Stopped because everyone left: the ranges read so far are a valid index, kept to extend later.
    if (!signal.aborted) throw err;
  }
  return { size, checkpoints: idx.checkpoints, newlines, ...(lastByte !== undefined ? { lastByte } : {}) };
}

export interface LineLocation {
  line: number;
  offset: number;
  size: number;
  /** Lines in the file, once the index has read all of it. */
  lines?: number;
}

/** The byte offset where a line (1-based) starts: from the nearest checkpoint, counting the rest. */
export async function locateLine(account: BatchAccount, owner: FileOwner, path: string, line: number, signal?: AbortSignal): Promise<LineLocation> {
  // Line N starts after N − 1 newlines: the index must have seen that many.
  const { idx, fileSize } = await lineIndex(account, owner, path, line - 1, signal);
  const whole = idx.size === fileSize;
  const lines = whole ? lineCount(idx) : undefined;
  if (lines !== undefined && line > Math.max(1, lines)) throw new BadRequestError(`line ${line} is past the end of the file, which has ${lines} lines`);
  const k = Math.floor((line - 1) / CHECKPOINT_LINES);
  let offset = idx.checkpoints[k] ?? 0;
  let toSkip = line - 1 - k * CHECKPOINT_LINES;
  const { client } = accountClient(account);
  while (toSkip > 0 && offset < fileSize) {
    const bytes = await fetchRange(client, owner, path, offset, Math.min(fileSize, offset + 256 * 1024) - 1, signal);
    let i = -1;
    while (toSkip > 0 && (i = bytes.indexOf(NEWLINE, i + 1)) !== -1) toSkip--;
    offset = toSkip === 0 ? offset + i + 1 : offset + bytes.length;
  }
  return { line, offset, size: fileSize, ...(lines !== undefined ? { lines } : {}) };
}
