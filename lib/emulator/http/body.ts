import type { IncomingMessage } from "node:http";
import { BatchServiceError, Errors } from "../errors";

const MAX_BODY = 8 << 20;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BatchServiceError(413, "RequestBodyTooLarge", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The request body as JSON, or undefined when there is none. Batch bodies are always JSON whatever their
 * content type; the control API's are JSON only when they say so.
 */
export function parseJsonBody(rawBody: Buffer, contentType: string, isControl: boolean): unknown {
  if (rawBody.length === 0 || !(contentType.includes("json") || !isControl)) return undefined;
  try {
    return JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw Errors.invalidRequestBody("The request body is not valid JSON.");
  }
}
