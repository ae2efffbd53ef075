import type { ServerResponse } from "node:http";
import type { Reply } from "./router";

/** Writes a handler's reply: JSON, a whole body, or chunks written with back-pressure. HEAD gets headers only. */
export async function send(res: ServerResponse, reply: Reply, head: boolean): Promise<void> {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.json !== undefined) {
    const text = Buffer.from(JSON.stringify(reply.json));
    headers["Content-Type"] ??= "application/json;odata=minimalmetadata";
    headers["Content-Length"] = String(text.length);
    res.writeHead(reply.status, headers);
    res.end(head ? undefined : text);
    return;
  }
  if (!reply.chunks) {
    if (!headers["Content-Length"]) headers["Content-Length"] = String(reply.body?.length ?? 0);
    res.writeHead(reply.status, headers);
    res.end(head ? undefined : reply.body);
    return;
  }
  res.writeHead(reply.status, headers);
  for (const piece of reply.chunks) {
    if (res.destroyed) return;
    if (!res.write(piece)) await new Promise((r) => res.once("drain", r));
  }
  res.end();
}
