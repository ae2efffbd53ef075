// Start-up code: read by server.ts outside the React server layer (no "server-only").
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { requestIdFrom, runWithRequestContext, type RequestContext } from "@/lib/observability/request-context";
import type { RoutePatterns } from "./route-patterns";

export const REQUEST_ID_HEADER = "x-request-id";

/** The path only: a query string may carry a SAS signature or a search term, and neither belongs in a log. */
export function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!.split("#")[0]!;
  return path.length > 512 ? `${path.slice(0, 512)}…` : path;
}

/**
 * The level of a request's line. A page load fetches a dozen build assets and the router prefetches every
 * link in view: logged at info they were a third of the lines and buried the requests an operator looks
 * for. So a successful build asset (`/_next/static/…`) or router prefetch (`Next-Router-Prefetch` header)
 * is debug; a failed one keeps its level (a missing chunk after a deploy is worth seeing). A router
 * navigation (`RSC` without prefetch) stays info: it is the page view of a click.
 */
export function levelOf(path: string, headers: IncomingMessage["headers"], status: number): "error" | "info" | "debug" {
  if (status >= 500) return "error";
  if (status >= 400) return "info";
  if (path.startsWith("/_next/static/") || headers["next-router-prefetch"] !== undefined) return "debug";
  return "info";
}

/**
 * Runs one request inside its context (lib/observability/request-context.ts), echoes its id, and when the
 * answer is finished (or the client left) writes exactly one log line and one latency observation for it.
 */
export function observed(routes: RoutePatterns, handle: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = { requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]), batchRequestIds: [], batchCalls: 0 };
    res.setHeader(REQUEST_ID_HEADER, context.requestId);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = pathOf(req.url);
      const route = routes.routeOf(path);
      const status = res.writableFinished ? res.statusCode : 499;
      metrics().httpSeconds.observe({ method: req.method ?? "?", route, status: `${Math.floor(status / 100)}xx` }, seconds);
      const line = {
        reqId: context.requestId,
        method: req.method,
        route,
        path,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        batchCalls: context.batchCalls,
        batchRequestIds: context.batchRequestIds,
        ...(context.error ? { error: context.error } : {}),
      };
      logger()[levelOf(path, req.headers, status)](line, "request");
    };
    res.once("finish", finish);
    res.once("close", finish);
    runWithRequestContext(context, () => handle(req, res));
  };
}
