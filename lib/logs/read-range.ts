import { apiFetch, fetchBytes } from "@/lib/queries/api-fetch";
import { FILE_HEADERS, fileProperties, type FileProperties } from "@/lib/schemas/files";
import type { Chunk } from "./lines";

export interface RangeRead {
  chunk: Chunk;
  /** The file's size when the bytes were read: a growing file may be larger than the last byte read. */
  size: number;
  lastModified?: string;
}

/** One ranged read: `offset` given → those bytes; without it → the last `length` bytes (the tail). */
export async function readRange(fileApiUrl: string, q: { offset?: number; length: number }, signal?: AbortSignal): Promise<RangeRead> {
  const params = new URLSearchParams({ length: String(q.length) });
  if (q.offset !== undefined) params.set("offset", String(q.offset));
  const { bytes, headers } = await fetchBytes(`${fileApiUrl}?${params}`, signal ? { signal } : {});
  const start = Number(headers.get(FILE_HEADERS.start) ?? q.offset ?? 0);
  const size = Number(headers.get(FILE_HEADERS.size) ?? start + bytes.length);
  const lastModified = headers.get(FILE_HEADERS.lastModified) ?? undefined;
  return { chunk: { start, bytes }, size, ...(lastModified ? { lastModified } : {}) };
}

/** Size and last-modified only: what follow mode polls. */
export function readProperties(fileApiUrl: string, signal?: AbortSignal): Promise<FileProperties> {
  return apiFetch(`${fileApiUrl}?properties=true`, fileProperties, { cache: "no-store", ...(signal ? { signal } : {}) });
}

/** The whole file, streamed by the server with Content-Disposition (`?download=1`). */
export function downloadUrl(fileApiUrl: string): string {
  return `${fileApiUrl}?download=1`;
}
