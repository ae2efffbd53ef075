import "server-only";
import { BadRequestError } from "@/lib/errors/api-error";

/** A body over the limit: 413, refused as soon as the limit is passed. */
export class BodyTooLargeError extends BadRequestError {
  override name = "BodyTooLargeError";
  constructor(maxBytes: number) {
    super(`The request body is larger than ${Math.round(maxBytes / 1024)} KiB, more than any dialog sends.`, "PayloadTooLarge", 413);
  }
}

/**
 * The body as UTF-8 text, read chunk by chunk and refused the moment it passes `maxBytes`: a client that
 * sends (or claims to send) megabytes costs the server at most the limit and one chunk, never the whole
 * body. A declared Content-Length over the limit is refused before anything is read.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Cancelling tells the source to stop: the rest of the body is never pulled, let alone kept.
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
