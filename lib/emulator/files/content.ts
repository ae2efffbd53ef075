import type { OutputEvent } from "../command/interpret";
import { readGeneratedLog, type LogStyle } from "./generated-log";

export type { LogStyle } from "./generated-log";

export interface Growth {
  /** When writing began; nothing is visible before it. */
  startMs: number;
  bytesPerSecond: number;
}

export type FileContent =
  | { kind: "text"; text: string }
  | { kind: "bytes"; data: Uint8Array }
  | { kind: "generated"; seed: number; size: number; style: LogStyle; growth?: Growth }
  | { kind: "events"; events: readonly OutputEvent[]; stream: "stdout" | "stderr"; startMs: number };

/** Bytes visible at `nowMs`; files still being written grow over time. */
export function fileSize(content: FileContent, nowMs: number): number {
  switch (content.kind) {
    case "text":
      return Buffer.byteLength(content.text, "utf8");
    case "bytes":
      return content.data.length;
    case "generated":
      return generatedSize(content.size, content.growth, nowMs);
    case "events": {
      let size = 0;
      for (const event of visibleEvents(content, nowMs)) size += Buffer.byteLength(event.text, "utf8");
      return size;
    }
  }
}

/** Bytes [start, endInclusive] as of `nowMs`, with the end clamped to the visible size. */
export function readRange(content: FileContent, start: number, endInclusive: number, nowMs: number): Buffer {
  const size = fileSize(content, nowMs);
  const first = Math.max(0, start);
  const last = Math.min(endInclusive, size - 1);
  if (last < first) return Buffer.alloc(0);
  switch (content.kind) {
    case "text":
      return Buffer.from(content.text, "utf8").subarray(first, last + 1);
    case "bytes":
      return Buffer.from(content.data.subarray(first, last + 1));
    case "generated":
      // The full size, not the visible one: bytes already written must not change as the file grows.
      return readGeneratedLog(content.seed, content.style, content.size, first, last);
    case "events":
      return readEvents(content, first, last, nowMs);
  }
}

/**
 * When the file was last written, as of `nowMs`: `storedMs` (what the scenario recorded, never later than now),
 * or for a file still being written at a steady rate the time its last visible byte was written. A growing
 * file's modified time moves with its size, as Batch's does (its Last-Modified is the file's mtime); it used
 * to stay at the time the scenario was laid while the file grew.
 */
export function lastModifiedMs(content: FileContent, storedMs: number, nowMs: number): number {
  const stored = Math.min(storedMs, nowMs);
  if (content.kind !== "generated" || content.growth === undefined) return stored;
  const { startMs, bytesPerSecond } = content.growth;
  const written = generatedSize(content.size, content.growth, nowMs);
  if (written === 0) return stored;
  return Math.max(stored, Math.min(nowMs, startMs + Math.ceil((written / bytesPerSecond) * 1000)));
}

function generatedSize(size: number, growth: Growth | undefined, nowMs: number): number {
  if (growth === undefined) return size;
  const written = Math.floor(((nowMs - growth.startMs) / 1000) * growth.bytesPerSecond);
  return Math.max(0, Math.min(size, written));
}

type EventsContent = Extract<FileContent, { kind: "events" }>;

function* visibleEvents(content: EventsContent, nowMs: number): Generator<OutputEvent> {
  for (const event of content.events) {
    if (event.stream === content.stream && content.startMs + event.atMs <= nowMs) yield event;
  }
}

/** Encodes only the events that overlap the range, so chunked reads of a long output stay linear. */
function readEvents(content: EventsContent, first: number, last: number, nowMs: number): Buffer {
  const pieces: Buffer[] = [];
  let offset = 0;
  for (const event of visibleEvents(content, nowMs)) {
    const length = Buffer.byteLength(event.text, "utf8");
    const end = offset + length;
    if (end > first && offset <= last) {
      const bytes = Buffer.from(event.text, "utf8");
      pieces.push(bytes.subarray(Math.max(0, first - offset), Math.min(length, last - offset + 1)));
    }
    offset = end;
    if (offset > last) break;
  }
  return Buffer.concat(pieces);
}
