import "server-only";
import { FILE_HEADERS } from "@/lib/schemas/files";
import type { BatchAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { compileQuery, searchFile } from "@/lib/batch/file-search";
import { fileProperties, readFileSlice, scanFile, type FileOwner } from "@/lib/batch/files";
import { locateLine } from "@/lib/batch/line-index";
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
    regex: "true" | "false";
    case: "true" | "false";
    download?: string;
  },
  request: Request,
) {
  if (q.properties === "true") return fileProperties(account, owner, path);
  if (q.line !== undefined) return locateLine(account, owner, path, q.line);
  if (q.search !== undefined)
    return searchResponse(account, owner, path, { query: q.search, regex: q.regex === "true", caseSensitive: q.case === "true" }, request.signal);
  if (q.download !== undefined) return downloadResponse(account, owner, path, request.signal);
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

/** Events one JSON object a line, flushed as they come: progress, matches (with line numbers), done. */
function searchResponse(account: BatchAccount, owner: FileOwner, path: string, query: Parameters<typeof searchFile>[3], signal: AbortSignal): Response {
  compileQuery(query); // a bad query is a 400 before the stream starts
  const events = searchFile(account, owner, path, query, signal);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (err) {
        // The status is already sent: the failure travels as the stream's last event.
        controller.enqueue(encoder.encode(`${JSON.stringify({ type: "error", error: asApiError(err).info })}\n`));
        controller.close();
      }
    },
    cancel: () => void events.return(undefined),
  });
  return new Response(body, {
    headers: { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** The whole file through the server, a range at a time, so neither side holds it whole. */
async function downloadResponse(account: BatchAccount, owner: FileOwner, path: string, signal: AbortSignal): Promise<Response> {
  const { size } = await fileProperties(account, owner, path);
  const { client } = accountClient(account);
  const ranges = scanFile(client, owner, path, 0, size, undefined, signal);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await ranges.next();
      if (next.done) return controller.close();
      controller.enqueue(new Uint8Array(next.value.bytes));
    },
    cancel: () => void ranges.return(undefined),
  });
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
