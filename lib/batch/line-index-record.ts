import "server-only";
import type { LineIndex } from "./line-counts";

/**
 * What says that a kept index still describes the file: Batch's creation time (Windows nodes send it) and
 * last-modified time, and the last bytes indexed. A log that is being written only grows: its creation
 * time stays, and the bytes already indexed do not change, which the next extension checks by reading
 * the tail again as the first bytes of its first range.
 */
export interface KeptIndex extends LineIndex {
  created?: string;
  modified?: string;
  /** The last TAIL_BYTES bytes indexed (fewer in a shorter file). */
  tail: Buffer;
}

export const TAIL_BYTES = 64;

/** Where the file stands now, from its properties (a HEAD). */
export interface FileStamp {
  size: number;
  creationTime?: string;
  lastModified?: string;
}

/**
 * Whether a kept index may be used for the file as it is now. A file that shrank, was created again, or
 * changed at the same size (last-modified moved without growth) was replaced: nothing kept is trusted.
 * A file that grew is extended, and the extension checks the tail before counting anything new.
 */
export function stillDescribes(kept: KeptIndex, now: FileStamp): boolean {
  if (now.size < kept.size) return false;
  if (kept.created && now.creationTime && kept.created !== now.creationTime) return false;
  if (now.size === kept.size && kept.modified && now.lastModified && kept.modified !== now.lastModified) return false;
  return true;
}

interface Header {
  v: 1;
  size: number;
  newlines: number;
  lastByte?: number;
  created?: string;
  modified?: string;
  tail: string;
  checkpoints: number;
}

/** A small JSON header line, then the checkpoints as little-endian doubles: about 8 bytes a checkpoint. */
export function encodeIndex(idx: KeptIndex): Buffer {
  const header: Header = {
    v: 1,
    size: idx.size,
    newlines: idx.newlines,
    ...(idx.lastByte !== undefined ? { lastByte: idx.lastByte } : {}),
    ...(idx.created ? { created: idx.created } : {}),
    ...(idx.modified ? { modified: idx.modified } : {}),
    tail: idx.tail.toString("base64"),
    checkpoints: idx.checkpoints.length,
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`);
  const body = Buffer.alloc(idx.checkpoints.length * 8);
  idx.checkpoints.forEach((c, i) => body.writeDoubleLE(c, i * 8));
  return Buffer.concat([head, body]);
}

/** The kept index, or undefined for anything that is not one (another version, a truncated value). */
export function decodeIndex(value: Buffer): KeptIndex | undefined {
  const nl = value.indexOf(0x0a);
  if (nl === -1) return undefined;
  let h: Header;
  try {
    h = JSON.parse(value.subarray(0, nl).toString("utf8")) as Header;
  } catch {
    return undefined;
  }
  const body = value.subarray(nl + 1);
  if (h.v !== 1 || body.length !== h.checkpoints * 8 || !(h.size >= 0) || !(h.newlines >= 0)) return undefined;
  const checkpoints = Array.from({ length: h.checkpoints }, (_, i) => body.readDoubleLE(i * 8));
  return {
    size: h.size,
    newlines: h.newlines,
    checkpoints,
    ...(h.lastByte !== undefined ? { lastByte: h.lastByte } : {}),
    ...(h.created ? { created: h.created } : {}),
    ...(h.modified ? { modified: h.modified } : {}),
    tail: Buffer.from(h.tail, "base64"),
  };
}
