import "server-only";
import { FILE_HEADERS } from "@/lib/schemas/files";
import type { BatchAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { compileQuery, searchFile } from "@/lib/batch/file-search";
import { fileProperties, readFileSlice, scanFile, type FileOwner } from "@/lib/batch/files";
import { locateLine } from "@/lib/batch/line-index";
import { wholeFileScans } from "@/lib/batch/scan-slots";
import { resolveIdentity } from "@/lib/identity/resolve";
import { asApiError } from "./error-response";

/**
 * File bytes as the browser needs them: the raw slice (never decoded here: a chunk may end inside a UTF-8
 * character) with where it sits and how big the file is now, or the file's properties alone.
 */
export async function fileContentResponse(
  account: BatchAccount,
  owner: FileOwner,
  path: string,
  q: {
    offset?: number;
    length?: number;
    properties?: "true" | "false";
    line?: number;
    search?: string;
    from?: number;
    regex: "true" | "false";
    case: "true" | "false";
    download?: string;
  },
  request: Request,
) {
  if (q.properties === "true") return fileProperties(account, owner, path);
  if (q.line !== undefined)
    return locateLine(account, owner, path, q.line, { signal: request.signal }).catch((err: unknown) => {
      // The user left while the index was read: nobody is there to answer, and nothing failed to log.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      throw err;
    });
  if (q.search !== undefined || q.download !== undefined) {
    // Whole-file scans are limited per user: the one place this route learns who is asking.
    const actor = (await resolveIdentity(request.headers, account.localOperator)).actor;
    if (q.search === undefined) return downloadResponse(account, owner, path, request.signal, actor);
    const query = { query: q.search, regex: q.regex === "true", caseSensitive: q.case === "true" };
    return searchResponse(account, owner, path, query, { signal: request.signal, ...(q.from ? { fromLine: q.from } : {}) }, actor);
  }
  const slice = await readFileSlice(account, owner, path, q);
  return new Response(new Uint8Array(slice.bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Cache-Control": "no-store",
      // The file's name and content are untrusted: never let a browser render it as a page.
      "Content-Disposition": "attachment",
      "X-Content-Type-Options": "nosniff",
      [FILE_HEADERS.size]: String(slice.size),
      [FILE_HEADERS.start]: String(slice.start),
      ...(slice.lastModified ? { [FILE_HEADERS.lastModified]: slice.lastModified } : {}),
    },
  });
}

/**
 * A whole-file scan as a response body, holding one of the scan slots (lib/batch/scan-slots.ts) from now
 * until the body ends, fails, is cancelled or the request is aborted, whichever comes first. Taking the
 * slot throws the 429 before any byte is sent.
 */
function scanBody<T>(
  actor: string,
  signal: AbortSignal,
  start: () => AsyncGenerator<T>,
  encode: (value: T) => Uint8Array,
  failed?: (err: unknown) => Uint8Array,
) {
  const release = wholeFileScans.acquire(actor);
  signal.addEventListener("abort", release, { once: true });
  const source = start();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await source.next();
        if (next.done) {
          release();
          return controller.close();
        }
        controller.enqueue(encode(next.value));
      } catch (err) {
        release();
        if (!failed) throw err;
        // The status is already sent: the failure travels as the stream's last event.
        controller.enqueue(failed(err));
        controller.close();
      }
    },
    cancel: () => {
      release();
      void source.return(undefined);
    },
  });
}

/** Events one JSON object a line, flushed as they come: progress, matches (with line numbers), done. */
function searchResponse(
  account: BatchAccount,
  owner: FileOwner,
  path: string,
  query: Parameters<typeof searchFile>[3],
  opts: { signal: AbortSignal; fromLine?: number },
  actor: string,
): Response {
  compileQuery(query); // a bad query is a 400 before the stream starts
  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  const body = scanBody(
    actor,
    opts.signal,
    () => searchFile(account, owner, path, query, opts),
    line,
    (err) => line({ type: "error", error: asApiError(err).info }),
  );
  return new Response(body, {
    headers: { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** The whole file through the server, a range at a time, so neither side holds it whole. */
async function downloadResponse(account: BatchAccount, owner: FileOwner, path: string, signal: AbortSignal, actor: string): Promise<Response> {
  const { size } = await fileProperties(account, owner, path);
  const { client } = accountClient(account);
  const body = scanBody(
    actor,
    signal,
    () => scanFile(client, owner, path, 0, size, undefined, signal),
    (range) => new Uint8Array(range.bytes),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(size),
      "Content-Disposition": attachmentDisposition(path),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * The download's name for the save dialog, never a way into the header: `filename` holds only letters,
 * digits, ".", "_" and "-" (anything else becomes "_"), and when that changed the name, `filename*`
 * (RFC 6266 with RFC 5987 encoding) carries the name percent-encoded, so quotes, semicolons and non-ASCII
 * letters arrive as the file's own. Invisible format characters become "_" there too: a right-to-left
 * override would let "report\u202Etxt.exe" show as "reportexe.txt".
 */
export function attachmentDisposition(path: string): string {
  const name = path.split(/[\\/]/).at(-1) || "download";
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, "_");
  if (ascii === name) return `attachment; filename="${name}"`;
  const shown = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "_");
  const exact = encodeURIComponent(shown).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
