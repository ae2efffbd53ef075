import type { z } from "zod";
import { apiErrorBody, type ApiErrorInfo } from "@/lib/schemas/api-error";
import { describeIssues } from "./describe-issues";
import { activeFrozen, frozenResponse } from "./frozen-source";
import { ndjsonReader } from "./ndjson";

/**
 * The browser's one way to call the dashboard's API: JSON reads and writes, byte ranges of files, and
 * NDJSON streams. Every failure becomes an ApiError (Batch's kind, code, message and request id, or ours
 * when the server could not be reached or answered something unexpected); every body is validated by its
 * schema from lib/schemas. See docs/architecture.md.
 */
export class ApiError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
    this.name = "ApiError";
  }
}

/** The ApiError behind a query's error, if that is what it is. */
export function errorInfo(error: unknown): ApiErrorInfo | undefined {
  return error instanceof ApiError ? error.info : undefined;
}

const unexpected = (path: string, what: string): ApiError =>
  new ApiError({ kind: "server", status: 200, code: "UnexpectedResponse", message: `The dashboard's answer to ${path.split("?")[0]} ${what}.` });

/** The one place an error answer is read: the API's error body if it has one, else the bare HTTP status. */
async function errorOf(res: Response): Promise<ApiError> {
  const parsed = apiErrorBody.safeParse(await res.json().catch(() => undefined));
  return new ApiError(parsed.success ? parsed.data.error : { kind: "server", status: res.status, message: `The dashboard answered ${res.status}.` });
}

/** Reads a frozen view may answer; a write always goes to the server (a frozen view shows no actions). */
const READS = new Set(["GET", "HEAD"]);

/**
 * A fetch whose answer is OK, or an ApiError. An abort stays an abort, so cancelling is never shown as a
 * failure. While a snapshot's view is mounted, reads are answered from its frozen answers instead
 * (frozen-source.ts), with the same statuses and headers, so every caller below works unchanged.
 */
async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  const frozen = activeFrozen();
  const method = (init.method ?? "GET").toUpperCase();
  try {
    res =
      frozen && READS.has(method) ? frozenResponse(frozen, path, { method, accept: new Headers(init.headers).get("accept") ?? "" }) : await fetch(path, init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError({ kind: "network", status: 0, message: "The dashboard server could not be reached." });
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** A JSON answer, parsed with the route's schema. Every queryFn and mutation goes through here. */
export async function apiFetch<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  const res = await send(path, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  const body: unknown = await res.json().catch(() => undefined);
  if (body === undefined) throw unexpected(path, "was not JSON");
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unexpected(path, `did not have the expected shape (${describeIssues(parsed.error)})`);
  return parsed.data;
}

/** Raw bytes (a file's content or a range of it) with the answer's headers, which say where the bytes sit. */
export async function fetchBytes(path: string, init?: RequestInit): Promise<{ bytes: Uint8Array; headers: Headers }> {
  const res = await send(path, { cache: "no-store", ...init });
  return { bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}

/**
 * An NDJSON stream: each line is validated with `schema` and handed to `onEvent` as it arrives. Resolves
 * when the stream ends; rejects with an ApiError on a failed answer or a malformed line, and with the
 * abort itself when `init.signal` stops it.
 */
export async function streamNdjson<S extends z.ZodType>(path: string, schema: S, onEvent: (event: z.infer<S>) => void, init?: RequestInit): Promise<void> {
  const res = await send(path, { ...init, headers: { Accept: "application/x-ndjson", ...init?.headers } });
  if (!res.body) throw unexpected(path, "had no body");
  const reader = ndjsonReader(schema, onEvent);
  const stream = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      reader.push(value);
    }
    reader.end();
  } catch (e) {
    if (init?.signal?.aborted || e instanceof ApiError) throw e;
    void stream.cancel().catch(() => undefined);
    throw unexpected(path, e instanceof Error ? `could not be read: ${e.message}` : "could not be read");
  }
}
