import type { FrozenAnswer } from "@/lib/schemas/snapshots";
import { FILE_HEADERS } from "@/lib/schemas/files";
import { normalizeApiPath } from "@/lib/snapshots/api-path";

/**
 * A snapshot's frozen answers, served to the browser's one fetch path (api-fetch.ts) while a frozen view is
 * mounted (docs/snapshots.md). JSON answers come back as they were captured; a file's content answer holds a
 * byte slice (`content-range: bytes a-b/size`) from which every ranged read, size check and line lookup the
 * log viewer makes is answered; what lies outside it, and anything not captured, answers NotInSnapshot.
 */
export type FrozenAnswers = Record<string, FrozenAnswer>;

export interface FrozenRequest {
  method: string;
  /** The Accept header: a streamed search (NDJSON) is never frozen. */
  accept?: string;
}

/** The query parameters of a file read that pick bytes of the one frozen slice (lib/logs/read-range.ts). */
const RANGE_PARAMS = ["length", "offset", "properties", "line", "download"];

const NOT_SAVED = (what: string, path: string) =>
  jsonResponse(404, {
    error: { kind: "notFound", status: 404, code: "NotInSnapshot", message: `This snapshot did not save ${what} (${path.split("?")[0]}).` },
  });

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function decode(answer: FrozenAnswer): Uint8Array {
  if (answer.encoding === "utf8") return new TextEncoder().encode(answer.body);
  const bin = atob(answer.body);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const NO_BODY = new Set([101, 204, 205, 304]);

/** A captured answer as the network would have given it. */
function answerResponse(answer: FrozenAnswer, method: string): Response {
  const body = method === "HEAD" || NO_BODY.has(answer.status) ? null : decode(answer);
  return new Response(body as BodyInit | null, { status: answer.status, headers: answer.headers });
}

/** `bytes a-b/size` → the slice's first byte, its end (exclusive) and the file's size. */
export function parseContentRange(value: string | undefined): { start: number; end: number; size: number } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value?.trim() ?? "");
  if (!m) return undefined;
  const [start, last, size] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return last >= start && last < size ? { start, end: last + 1, size } : undefined;
}

/**
 * The part of [start, end) a read asks for that the slice holds: a tail read (`length` alone) asks the last
 * bytes of the file; an `offset` read must begin inside the slice (or at its start), so the viewer never
 * places bytes where they are not. Undefined when nothing asked for is saved.
 */
export function sliceFor(slice: { start: number; end: number; size: number }, q: { offset?: number; length?: number }) {
  const wantStart = q.offset ?? (q.length === undefined ? 0 : Math.max(0, slice.size - q.length));
  const wantEnd = q.length === undefined ? slice.size : wantStart + q.length;
  const from = q.offset === undefined ? Math.max(wantStart, slice.start) : wantStart;
  if (from < slice.start || from >= slice.end) return undefined;
  const to = Math.min(wantEnd, slice.end);
  return to > from ? { from, to } : undefined;
}

/** Where line `n` starts, when the slice holds the file from byte 0 up to that line. */
export function lineInSlice(bytes: Uint8Array, slice: { start: number; size: number }, n: number): { line: number; offset: number; size: number } | undefined {
  if (slice.start !== 0 || n < 1) return undefined;
  let line = 1;
  for (let i = 0; line < n; i++) {
    if (i >= bytes.length) return undefined;
    if (bytes[i] === 10) {
      line++;
      if (line === n) return i + 1 < bytes.length ? { line: n, offset: i + 1, size: slice.size } : undefined;
    }
  }
  return { line: 1, offset: 0, size: slice.size };
}

function fileAnswer(answer: FrozenAnswer, url: URL, req: FrozenRequest, path: string): Response {
  const slice = parseContentRange(answer.headers["content-range"]);
  if (!slice) return NOT_SAVED("this file's content", path);
  const p = url.searchParams;
  const bytes = decode(answer);
  const lastModified = answer.headers[FILE_HEADERS.lastModified];
  if (p.get("properties") === "true") {
    const name = decodeURIComponent(url.pathname.split("/files/")[1] ?? "");
    return jsonResponse(200, { name, isDirectory: false, size: slice.size, ...(lastModified ? { lastModified } : {}) });
  }
  if (p.has("line")) {
    const at = lineInSlice(bytes, slice, Number(p.get("line")));
    return at ? jsonResponse(200, at) : NOT_SAVED(`line ${p.get("line")} of this file`, path);
  }
  if (p.has("download")) return NOT_SAVED("the whole file for download", path);
  const num = (k: string) => (p.has(k) ? Number(p.get(k)) : undefined);
  const offset = num("offset");
  const length = num("length");
  const part = sliceFor(slice, { ...(offset !== undefined ? { offset } : {}), ...(length !== undefined ? { length } : {}) });
  if (!part) return NOT_SAVED(`bytes ${offset ?? "the end"} of this file`, path);
  const headers = new Headers(answer.headers);
  headers.set("content-range", `bytes ${part.from}-${part.to - 1}/${slice.size}`);
  headers.set(FILE_HEADERS.start, String(part.from));
  headers.set(FILE_HEADERS.size, String(slice.size));
  headers.delete("content-length");
  const body = req.method === "HEAD" ? null : bytes.slice(part.from - slice.start, part.to - slice.start);
  return new Response(body as BodyInit | null, { status: 206, headers });
}

/** The frozen answer to one read: the captured one, a read of a file's saved slice, or NotInSnapshot. */
export function frozenResponse(answers: FrozenAnswers, path: string, req: FrozenRequest): Response {
  if (req.accept?.includes("ndjson")) return NOT_SAVED("a search of the whole file; search what is shown instead", path);
  const exact = answers[normalizeApiPath(path)];
  if (exact) return answerResponse(exact, req.method);
  const url = new URL(path, "http://snapshot.invalid");
  if (url.pathname.includes("/files/") && RANGE_PARAMS.some((k) => url.searchParams.has(k))) {
    const base = new URL(url);
    for (const k of RANGE_PARAMS) base.searchParams.delete(k);
    const content = answers[normalizeApiPath(base.pathname + base.search)];
    if (content) return fileAnswer(content, url, req, path);
  }
  return NOT_SAVED("this read", path);
}

/*
 * The source in place while a frozen view is mounted, browser only: on the server every request renders
 * its own tree, so a module-global there would leak one viewer's snapshot into another's page. Set during
 * the frozen root's render (before any child's query runs) and cleared when it unmounts or a live view renders.
 */
let active: FrozenAnswers | undefined;

export function enterFrozen(answers: FrozenAnswers): void {
  if (typeof window !== "undefined") active = answers;
}

/** Clears the source; with `answers`, only if it is still theirs (a newer frozen view may have replaced it). */
export function leaveFrozen(answers?: FrozenAnswers): void {
  if (!answers || active === answers) active = undefined;
}

export function activeFrozen(): FrozenAnswers | undefined {
  return typeof window === "undefined" ? undefined : active;
}
