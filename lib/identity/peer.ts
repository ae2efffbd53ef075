// No "server-only" marker: the Node server (server.ts) stamps requests with it before Next.js sees them.
import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Next.js gives route handlers no socket, so the Node server in front of it (server.ts) tells the app who
 * connected in this header, signed with a secret that lives only in this process. The server replaces any
 * value a client sent, and a value without the secret (a forged header, or the app run by plain
 * `next start`) counts as no peer at all: identity headers are then never trusted (docs/architecture.md
 * "Identity").
 */
export const PEER_HEADER = "x-batchscope-peer";

const SECRET = Symbol.for("batchscope.peerSecret");
type WithSecret = typeof globalThis & { [SECRET]?: string };

function secret(): string {
  const g = globalThis as WithSecret;
  return (g[SECRET] ??= randomBytes(24).toString("base64url"));
}

/** The header's value for a connection from `address`. */
export function peerStamp(address: string): string {
  return `${secret()} ${address}`;
}

/** The address the connection came from, or undefined when the request was not stamped by our server. */
export function peerAddress(headers: Headers): string | undefined {
  const value = headers.get(PEER_HEADER);
  if (!value) return undefined;
  const space = value.indexOf(" ");
  const expected = Buffer.from(secret());
  const given = Buffer.from(value.slice(0, Math.max(space, 0)));
  if (space < 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return value.slice(space + 1);
}
