import type { IncomingHttpHeaders } from "node:http";
import type { ApiVersion } from "../api-version";
import { Errors } from "../errors";
import type { SimContext } from "../sim/context";

export interface RouteContext {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: Buffer;
  /** The emulator's own origin, for urls and odata.nextLink (the SDK follows nextLink verbatim). */
  baseUrl: string;
  /** The request path as received (still encoded), for building nextLink. */
  path: string;
  sim: SimContext;
  /** The request's api-version (already checked); handlers branch on rulesOf(apiVersion), never on the string. */
  apiVersion: ApiVersion;
}

export interface Reply {
  status: number;
  json?: unknown;
  body?: Buffer;
  /** Large bodies (a whole multi-gigabyte log) are written piece by piece, never built whole. */
  chunks?: Iterable<Buffer>;
  headers?: Record<string, string>;
}

export type Handler = (c: RouteContext) => Reply;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

/** Path patterns like "/pools/:poolId/nodes/:nodeId/files/*filePath"; each segment is decoded once. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  match(method: string, rawPath: string): { handler: Handler; params: Record<string, string> } {
    const segments = rawPath.split("/").filter(Boolean).map(decodeSegment);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    throw pathMatched ? Errors.unsupportedVerb(method) : Errors.invalidUri(`No resource at ${rawPath}`);
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw Errors.invalidUri(`The path segment '${segment}' is not valid percent-encoding.`);
  }
}

function matchParts(parts: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith("*")) {
      // The SDK encodes a file path as one segment (wd%2Fout.txt); a raw slash also reaches here.
      if (i >= segments.length) return undefined;
      params[part.slice(1)] = segments.slice(i).join("/");
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}
