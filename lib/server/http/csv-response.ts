import "server-only";
import { attachmentDisposition } from "./file-response";

/**
 * A CSV download: an attachment (the browser saves it, never renders it), UTF-8 with a byte-order mark so
 * spreadsheets read non-ASCII ids and messages right, and `X-Rows-Left-Out` when the export hit its bound.
 */
export function csvResponse(csv: string, fileName: string, leftOut = false): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(fileName),
      "Cache-Control": "no-store",
      ...(leftOut ? { "X-Rows-Left-Out": "true" } : {}),
    },
  });
}
