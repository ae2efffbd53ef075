import "server-only";
import type { FileEntry, FileListResponse, FileProperties } from "@/lib/schemas/files";
import { wireBoolean, wireNumber } from "@/lib/schemas/wire-values";
import type { BatchServiceClient } from "@azure/batch";
import type { AbortSignalLike } from "@azure/ms-rest-js";
import type { BatchAccount } from "./accounts";
import { listAll } from "./paging";
import type { RequestSlots } from "./request-policy";
import { cachedRead } from "./read";
import { fileKeys, type FileOwner } from "./read-keys";
import { compact, iso } from "./to-api";

/** Where a file lives: a task's directory, or a node's file system. */
export type { FileOwner };

/** What an operator opens without asking: the tail of a log, not its first bytes. */
export const DEFAULT_TAIL_BYTES = 64 * 1024;
const FILE_PROPS_TTL_MS = 2_000;

// Ids key by case (one node is one entry, docs/real-service.md); the file path does not, as Linux paths are case-sensitive.

export function listFiles(account: BatchAccount, owner: FileOwner, recursive: boolean): Promise<FileListResponse> {
  return cachedRead(account, fileKeys.list(owner, recursive), async ({ client }) => {
    const { items } =
      owner.kind === "task"
        ? await listAll(
            () => client.file.listFromTask(owner.jobId, owner.taskId, { recursive }),
            (link) => client.file.listFromTaskNext(link, { recursive }),
          )
        : await listAll(
            () => client.file.listFromComputeNode(owner.poolId, owner.nodeId, { recursive }),
            (link) => client.file.listFromComputeNodeNext(link, { recursive }),
          );
    const files: FileEntry[] = items.map((f) =>
      compact({
        name: f.name ?? "",
        isDirectory: wireBoolean(f.isDirectory) ?? false,
        size: wireNumber(f.properties?.contentLength),
        lastModified: iso(f.properties?.lastModified),
      }),
    );
    return { files };
  });
}

export function fileProperties(account: BatchAccount, owner: FileOwner, path: string): Promise<FileProperties & { asOf: string }> {
  return cachedRead(
    account,
    fileKeys.properties(owner, path),
    async ({ client }) => {
      const p = await (
        owner.kind === "task"
          ? client.file.getPropertiesFromTask(owner.jobId, owner.taskId, path)
          : client.file.getPropertiesFromComputeNode(owner.poolId, owner.nodeId, path)
      ).catch(async (err: unknown) => {
        throw await withBatchCode(client, owner, err);
      });
      return compact({
        name: path,
        // The real service sends "True"/"False", which ms-rest-js leaves a (truthy) string.
        isDirectory: wireBoolean(p.ocpBatchFileIsdirectory) ?? false,
        size: wireNumber(p.contentLength) ?? 0,
        lastModified: iso(p.lastModified),
        creationTime: iso(p.ocpCreationTime),
      });
    },
    FILE_PROPS_TTL_MS,
  );
}

interface FailedCall {
  statusCode?: number;
  code?: string;
  response?: unknown;
}

/**
 * A HEAD (and a streamed read) fails without a body, so without Batch's code: an operator would see
 * "409" where Batch says TaskFilesUnavailable. The owner's file list is a JSON call whose error carries
 * the code, so it is asked; if the list works, the directory is there and the file itself is missing.
 */
async function withBatchCode(client: BatchServiceClient, owner: FileOwner, err: unknown): Promise<unknown> {
  const e = err as FailedCall;
  if (e.code || (e.statusCode !== 404 && e.statusCode !== 409)) return err;
  try {
    if (owner.kind === "task") await client.file.listFromTask(owner.jobId, owner.taskId, { fileListFromTaskOptions: { maxResults: 1 } });
    else await client.file.listFromComputeNode(owner.poolId, owner.nodeId, { fileListFromComputeNodeOptions: { maxResults: 1 } });
  } catch (listErr) {
    return (listErr as FailedCall).code ? listErr : err;
  }
  if (e.statusCode !== 404) return err;
  const message = "The specified file does not exist.";
  return Object.assign(new Error(message), {
    statusCode: 404,
    code: "FileNotFound",
    body: { code: "FileNotFound", message: { value: message } },
    response: e.response,
  });
}

export interface FileSlice {
  bytes: Buffer;
  start: number;
  size: number;
  lastModified?: string;
}

/**
 * A byte range of a file, tail-first: without an offset, the last `length` bytes. The file's current
 * size comes first (HEAD), so a range is never asked past the end of a file that is still growing.
 */
export async function readFileSlice(account: BatchAccount, owner: FileOwner, path: string, range: { offset?: number; length?: number }): Promise<FileSlice> {
  const props = await fileProperties(account, owner, path);
  const size = props.size;
  const length = range.length ?? DEFAULT_TAIL_BYTES;
  const start = range.offset ?? Math.max(0, size - length);
  const end = Math.min(size, start + length) - 1;
  if (size === 0 || start >= size)
    return { bytes: Buffer.alloc(0), start: Math.min(start, size), size, ...(props.lastModified ? { lastModified: props.lastModified } : {}) };
  const ocpRange = `bytes=${start}-${end}`;
  // Everyone opening the same log at once shares one ranged read (single-flight), as other reads do; a
  // tail-sized slice is also kept as long as the size it was computed from, larger ones are not kept.
  const { bytes } = await cachedRead(
    account,
    fileKeys.range(owner, path, ocpRange),
    async ({ client }) => ({ bytes: await fetchRange(client, owner, path, start, end) }),
    end - start + 1 <= DEFAULT_TAIL_BYTES ? FILE_PROPS_TTL_MS : 0,
  );
  return { bytes, start, size, ...(props.lastModified ? { lastModified: props.lastModified } : {}) };
}

/**
 * Bytes start..end (inclusive) of a file, straight from Batch: no cache, for callers that stream. The
 * signal goes to the SDK, so a reader that leaves stops the HTTP request (and its wait for a slot) too.
 * With `into` (a buffer of at least end − start + 1 bytes), the bytes are copied there as they arrive and
 * a view of it is returned, so a long read reuses its buffers (see readRanges); more bytes than asked for
 * (a service that ignored the range) still arrive whole, in a buffer of their own.
 */
export async function fetchRange(
  client: BatchServiceClient,
  owner: FileOwner,
  path: string,
  start: number,
  end: number,
  signal?: AbortSignal,
  into?: Buffer,
): Promise<Buffer> {
  const ocpRange = `bytes=${start}-${end}`;
  // ms-rest-js types its AbortSignalLike apart from the DOM's AbortSignal; Node's signal is what it listens to.
  const abortSignal = signal ? { abortSignal: signal as unknown as AbortSignalLike } : {};
  const res =
    owner.kind === "task"
      ? await client.file.getFromTask(owner.jobId, owner.taskId, path, { fileGetFromTaskOptions: { ocpRange }, ...abortSignal })
      : await client.file.getFromComputeNode(owner.poolId, owner.nodeId, path, { fileGetFromComputeNodeOptions: { ocpRange }, ...abortSignal });
  const chunks: Buffer[] = [];
  let target = into;
  let n = 0;
  for await (const chunk of res.readableStreamBody ?? []) {
    const c = chunk as Buffer;
    if (target && n + c.length <= target.length) c.copy(target, n);
    else {
      if (target) chunks.push(Buffer.from(target.subarray(0, n)));
      target = undefined;
      chunks.push(c);
    }
    n += c.length;
  }
  return target ? target.subarray(0, n) : Buffer.concat(chunks);
}

/**
 * The whole file or a part of it, read in order, a range at a time: memory stays one range whatever the
 * size. Once `signal` is aborted no further range is asked for, and the one in flight is abandoned.
 */
export async function* scanFile(
  client: BatchServiceClient,
  owner: FileOwner,
  path: string,
  from: number,
  size: number,
  chunkBytes = SCAN_CHUNK_BYTES,
  signal?: AbortSignal,
): AsyncGenerator<{ offset: number; bytes: Buffer }> {
  for (let offset = from; offset < size; offset += chunkBytes) {
    if (signal?.aborted) return;
    yield { offset, bytes: await fetchRange(client, owner, path, offset, Math.min(size, offset + chunkBytes) - 1, signal) };
  }
}

/** 4 MiB a range: few calls for a large file, little memory per scan. */
export const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Ranges one long read (an index build, a search) keeps in flight: half the account's read slots, so a
 * page opened meanwhile still finds slots free, and a few long reads together only queue for them.
 */
export const rangesInParallel = (slots: RequestSlots) => Math.max(1, Math.floor(slots.reads.limit / 2));

/** Read slots a whole-file search leaves to others however idle the account is: a page opened meanwhile finds them. */
export const SLOTS_KEPT_FREE = 2;

/**
 * Ranges a whole-file search keeps in flight, given how many it has: half the read slots, and one more at
 * a time while more than SLOTS_KEPT_FREE slots stand idle and no request waits for one, up to all but
 * SLOTS_KEPT_FREE. Once anyone queues (a page, another search), it falls back to half as its reads end.
 */
export function rangesWhileIdle(slots: RequestSlots, inFlight: number): number {
  const half = rangesInParallel(slots);
  const { limit, inUse, queued } = slots.reads;
  if (inFlight < half || queued > 0 || limit - inUse <= SLOTS_KEPT_FREE) return half;
  return Math.min(limit - SLOTS_KEPT_FREE, inFlight + 1);
}

export interface ReadAheadOptions {
  chunkBytes?: number;
  /** Ranges worth having in flight, given how many are; asked before each read is started (at least 1). */
  ahead: (inFlight: number) => number;
  signal?: AbortSignal;
}

/**
 * Bytes from..size in ranges, several read at once and handed over in file order, so a caller counts
 * and matches as if it read them one after the other. How many are in flight is the caller's (a deep
 * link wants only as many as reach its line); a caller that stops early, or a reader that aborts, stops
 * the reads still in flight. Each read holds one of the account's read slots, like any other call.
 * A range's bytes are the caller's only until it asks for the next range: its buffer then receives a
 * later range. A fresh 4 MiB buffer a range made the collector run a full collection every few ranges
 * (external memory), a CPU cost as large as scanning the bytes (docs/architecture.md).
 */
export async function* readRanges(
  client: BatchServiceClient,
  owner: FileOwner,
  path: string,
  from: number,
  size: number,
  { chunkBytes = SCAN_CHUNK_BYTES, ahead, signal }: ReadAheadOptions,
): AsyncGenerator<{ offset: number; bytes: Buffer }> {
  const stop = new AbortController();
  const abort = () => stop.abort();
  signal?.addEventListener("abort", abort, { once: true });
  const inFlight: { offset: number; read: Promise<Buffer>; into: Buffer }[] = [];
  const spare: Buffer[] = [];
  let next = from;
  try {
    while (inFlight.length > 0 || next < size) {
      while (next < size && inFlight.length < Math.max(1, ahead(inFlight.length))) {
        const into = spare.pop() ?? Buffer.allocUnsafeSlow(chunkBytes);
        const read = fetchRange(client, owner, path, next, Math.min(size, next + chunkBytes) - 1, stop.signal, into);
        read.catch(() => undefined); // awaited in turn below; one abandoned at the end must not be an unhandled rejection
        inFlight.push({ offset: next, read, into });
        next += chunkBytes;
      }
      const head = inFlight.shift()!;
      let bytes: Buffer;
      try {
        bytes = await head.read;
      } catch (err) {
        if (signal?.aborted) return;
        throw err;
      }
      yield { offset: head.offset, bytes };
      spare.push(head.into);
    }
  } finally {
    signal?.removeEventListener("abort", abort);
    stop.abort();
  }
}
