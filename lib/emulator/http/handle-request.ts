import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { NEWEST_API_VERSION, requestApiVersion, type ApiVersion } from "../api-version";
import { verifyRequest } from "../auth/shared-key";
import { BatchServiceError, errorBody, Errors } from "../errors";
import type { Faults } from "../faults";
import type { RequestStats } from "../handlers/control";
import type { SimContext } from "../sim/context";
import { parseJsonBody, readBody } from "./body";
import type { RouteContext, Router } from "./router";
import { send } from "./send";
import { SERVICE_HEADERS } from "./wire-headers";

/** What one request needs from the running emulator. `baseUrl` is read per request: it is known only once listening. */
export interface RequestDeps {
  account: string;
  keyBytes: Buffer;
  sim: SimContext;
  faults: Faults;
  stats: RequestStats;
  batch: Router;
  control: Router;
  baseUrl(): string;
}

interface Target {
  method: string;
  rawUrl: string;
  path: string;
  query: URLSearchParams;
  isControl: boolean;
  requestId: string;
}

function targetOf(req: IncomingMessage): Target {
  const rawUrl = req.url ?? "/";
  const q = rawUrl.indexOf("?");
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  return {
    method: req.method ?? "GET",
    rawUrl,
    path,
    query: new URLSearchParams(q === -1 ? "" : rawUrl.slice(q + 1)),
    isControl: path === "/__emulator" || path.startsWith("/__emulator/"),
    requestId: randomUUID(),
  };
}

function setCommonHeaders(req: IncomingMessage, res: ServerResponse, target: Target, sim: SimContext): void {
  res.setHeader("request-id", target.requestId);
  // The service's clock, not the host's: the dashboard computes windows from this header.
  res.setHeader("Date", new Date(sim.clock.now()).toUTCString());
  if (req.headers["return-client-request-id"] === "true" && req.headers["client-request-id"]) {
    res.setHeader("client-request-id", String(req.headers["client-request-id"]));
  }
  if (!target.isControl) for (const [name, value] of Object.entries(SERVICE_HEADERS)) res.setHeader(name, value);
}

/**
 * The gate every Batch request passes: counted, delayed or failed by the configured faults, then its
 * signature checked. Returns the request's api-version, or "dropped" when a fault hung up on it.
 */
async function admitBatchRequest(req: IncomingMessage, target: Target, deps: RequestDeps): Promise<ApiVersion | "dropped"> {
  const { stats, faults } = deps;
  stats.total++;
  const route = `${target.method} ${target.path}`;
  stats.byRoute.set(route, (stats.byRoute.get(route) ?? 0) + 1);
  const latency = faults.latencyFor(target.path);
  if (latency > 0) await new Promise((r) => setTimeout(r, latency));
  const fault = faults.decide(target.path);
  if (fault.kind === "drop") {
    req.socket.destroy();
    return "dropped";
  }
  if (fault.kind === "error") throw fault.error;
  const keyOf = (name: string) => (name === deps.account ? deps.keyBytes : undefined);
  const auth = verifyRequest({ method: target.method, url: target.rawUrl, headers: req.headers }, keyOf, Date.now());
  if (!auth.ok) {
    throw auth.code === "AuthenticationFailed" ? Errors.authenticationFailed(auth.reason) : Errors.invalidAuthenticationInfo(auth.reason);
  }
  const apiVersion = requestApiVersion(target.query);
  stats.byVersion.set(apiVersion, (stats.byVersion.get(apiVersion) ?? 0) + 1);
  return apiVersion;
}

async function dispatch(req: IncomingMessage, res: ServerResponse, target: Target, apiVersion: ApiVersion, deps: RequestDeps): Promise<void> {
  const { sim } = deps;
  const rawBody = await readBody(req);
  const body = parseJsonBody(rawBody, String(req.headers["content-type"] ?? ""), target.isControl);
  sim.queue.runDue();
  const { method, path, query } = target;
  const { handler, params } = (target.isControl ? deps.control : deps.batch).match(method, path);
  const context: RouteContext = {
    method,
    params,
    query,
    headers: req.headers,
    body,
    rawBody,
    baseUrl: deps.baseUrl(),
    path,
    sim,
    apiVersion,
  };
  const reply = handler(context);
  sim.queue.runDue();
  if (!target.isControl) await pageCost(reply, path, deps.faults);
  await send(res, reply, method === "HEAD");
}

/** A list page's share of the latency profile: proportional to the items it returns (docs in the README). */
async function pageCost(reply: { json?: unknown }, path: string, faults: Faults): Promise<void> {
  const value = (reply.json as { value?: unknown } | undefined)?.value;
  const ms = Array.isArray(value) ? faults.pageCostFor(path, value.length) : 0;
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

async function answerError(e: unknown, req: IncomingMessage, res: ServerResponse, target: Target, deps: RequestDeps): Promise<void> {
  // A client that hung up while its request was held (a killed caller, a timeout) is not a fault of
  // ours: there is nobody left to answer, and nothing to report.
  if ((e as NodeJS.ErrnoException)?.code === "ECONNRESET" && req.socket.destroyed) return;
  const error = e instanceof BatchServiceError ? e : (console.error("emulator: handler failed", e), Errors.internalError());
  const headers = { ...error.headers };
  if (target.method === "HEAD") return void res.writeHead(error.status, headers).end();
  const json = errorBody(error, deps.baseUrl(), target.requestId, deps.sim.clock.now());
  await send(res, { status: error.status, json, headers }, false);
}

/** Answers one HTTP request: common headers, the Batch gate (not for the control API), the route, or a Batch error body. */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: RequestDeps): Promise<void> {
  const target = targetOf(req);
  setCommonHeaders(req, res, target, deps.sim);
  try {
    // The control API is versionless; it acts as the newest version where a handler asks.
    const apiVersion = target.isControl ? NEWEST_API_VERSION : await admitBatchRequest(req, target, deps);
    if (apiVersion === "dropped") return;
    await dispatch(req, res, target, apiVersion, deps);
  } catch (e) {
    await answerError(e, req, res, target, deps);
  }
}
