import { ApiError } from "@/lib/queries/api-fetch";
import { apiErrorBody } from "@/lib/schemas/api-error";
import { FILE_HEADERS, fileProperties, type FileProperties } from "@/lib/schemas/files";
import type { Chunk } from "./lines";

export interface RangeRead {
  chunk: Chunk;
  /** The file's size when the bytes were read: a growing file may be larger than the last byte read. */
  size: number;
  lastModified?: string;
}

async function failed(res: Response): Promise<ApiError> {
  const body = apiErrorBody.safeParse(await res.json().catch(() => undefined));
  return new ApiError(body.success ? body.data.error : { kind: "server", status: res.status, message: `The dashboard answered ${res.status}.` });
}

async function get(url: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", ...(signal ? { signal } : {}) });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError({ kind: "network", status: 0, message: "The dashboard server could not be reached." });
  }
  if (!res.ok) throw await failed(res);
  return res;
}

/** One ranged read: `offset` given → those bytes; without it → the last `length` bytes (the tail). */
export async function readRange(fileApiUrl: string, q: { offset?: number; length: number }, signal?: AbortSignal): Promise<RangeRead> {
  const params = new URLSearchParams({ length: String(q.length) });
  if (q.offset !== undefined) params.set("offset", String(q.offset));
  const res = await get(`${fileApiUrl}?${params}`, signal);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const start = Number(res.headers.get(FILE_HEADERS.start) ?? q.offset ?? 0);
  const size = Number(res.headers.get(FILE_HEADERS.size) ?? start + bytes.length);
  const lastModified = res.headers.get(FILE_HEADERS.lastModified) ?? undefined;
  return { chunk: { start, bytes }, size, ...(lastModified ? { lastModified } : {}) };
}

/** Size and last-modified only: what follow mode polls. */
export async function readProperties(fileApiUrl: string, signal?: AbortSignal): Promise<FileProperties> {
  const res = await get(`${fileApiUrl}?properties=true`, signal);
  return fileProperties.parse(await res.json());
}

/** The whole file, streamed by the server with Content-Disposition (the lead's `?download=1`). */
export function downloadUrl(fileApiUrl: string): string {
  return `${fileApiUrl}?download=1`;
}

