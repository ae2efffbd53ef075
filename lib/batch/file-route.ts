import "server-only";
import { FILE_HEADERS } from "@/lib/schemas/files";
import type { BatchAccount } from "./accounts";
import { fileProperties, readFileSlice, type FileOwner } from "./files";

/**
 * File bytes as the browser needs them: the raw slice (never decoded here: a chunk may end inside a UTF-8
 * character) with where it sits and how big the file is now, or the file's properties alone.
 */
export async function fileContentResponse(account: BatchAccount, owner: FileOwner, path: string, q: { offset?: number; length?: number; properties?: "true" | "false" }) {
  if (q.properties === "true") return fileProperties(account, owner, path);
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
