import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { afterAll, beforeAll, expect } from "vitest";
import type { z } from "zod";
import { readApiVersion } from "@/lib/batch/account-config";
import { PEER_HEADER, peerStamp } from "@/lib/identity/peer";
import type { ScenarioName } from "@/lib/emulator/scenarios";
import { startEmulator, type Emulator } from "@/lib/emulator/server";
import { heatmapResponse, type HeatmapResponse } from "@/lib/schemas/failures";
import { API_ERROR_KINDS, type ApiErrorInfo, type ApiErrorKind } from "@/lib/schemas/api-error";
import { all } from "../../support/sdk-paging";

export { all };

/**
 * Shared set-up for the route-handler tests: a real emulator on a free loopback port, the dashboard pointed
 * at it through the same environment variables an operator sets, and a plain @azure/batch client on the
 * same emulator to read the truth the routes are compared with. Nothing of lib/batch or the SDK is mocked.
 */

/**
 * Simulated time runs a millionth as fast as real time: the scenarios' live workloads (a task every few
 * seconds, nodes going idle ↔ running) would otherwise change the account between the SDK's read and the
 * route's, and a comparison would be a race. Timestamps and the Date header stay the service's own.
 */
export const FROZEN = 1e-6;

const ENV_KEYS = [
  "BATCH_ACCOUNTS_FILE",
  "BATCH_ACCOUNT_NAME",
  "BATCH_ACCOUNT_URL",
  "BATCH_ACCOUNT_KEY",
  "BATCHSCOPE_AUDIT_DB",
  "BATCHSCOPE_LOCAL_OPERATOR",
] as const;

export interface RouteTestEnv {
  emu: Emulator;
  /** The account name in the dashboard's URLs, equal to the emulator's Batch account name. */
  account: string;
  /** The SDK on the same emulator, without retries, speaking the dashboard's BATCH_API_VERSION: the reference the routes are compared with. */
  sdk: BatchServiceClient;
  /** The emulator's unsigned control API (/__emulator/...). */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Batch requests the emulator received since the last reset (control requests are not counted). */
  stats(): Promise<{ total: number; byRoute: Record<string, number> }>;
  resetStats(): Promise<void>;
  /**
   * Resolves once the emulator has had no Batch request for 300 ms. A heatmap answers from the failures first
   * and reads the totals after it has answered (docs/diagnosis.md): those calls belong to the request that
   * began them, and would be counted against the next test's.
   */
  quiet(): Promise<void>;
}

export interface EmulatorSpec {
  scenario: ScenarioName;
  account: string;
  seed?: number;
  speed?: number;
}

/**
 * Saves the variables a suite changes to point the dashboard at its own server; the returned function
 * puts them back.
 */
export function saveDashboardEnv(): () => void {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  return () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}

/** Every suite writes its own audit file, never ./data of the working tree. */
export function usePrivateAuditDb(): void {
  process.env.BATCHSCOPE_AUDIT_DB = join(mkdtempSync(join(tmpdir(), "batchscope-audit-")), "audit.sqlite");
}

/**
 * Points the dashboard at one account of a test's own (an emulator, a replay server): BATCH_ACCOUNT_NAME/
 * URL/KEY, never an accounts file.
 */
export function pointDashboardAt(emu: Pick<Emulator, "account" | "url" | "key">, key = emu.key): void {
  delete process.env.BATCH_ACCOUNTS_FILE;
  process.env.BATCH_ACCOUNT_NAME = emu.account;
  process.env.BATCH_ACCOUNT_URL = emu.url;
  process.env.BATCH_ACCOUNT_KEY = key;
  // The test emulator is plain http on loopback: it gets the local operator only when this says so.
  process.env.BATCHSCOPE_LOCAL_OPERATOR = "true";
}

export async function startTestEmulator(spec: EmulatorSpec): Promise<RouteTestEnv> {
  const emu = await startEmulator({ scenario: spec.scenario, seed: spec.seed ?? 1, speed: spec.speed ?? FROZEN, account: spec.account });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emu.url}/__emulator${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path} -> ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const stats = () => control<{ total: number; byRoute: Record<string, number> }>("GET", "/stats");
  return {
    emu,
    account: spec.account,
    sdk: Object.assign(new BatchServiceClient(new BatchSharedKeyCredentials(emu.account, emu.key), emu.url, { noRetryPolicy: true }), {
      apiVersion: readApiVersion(),
    }),
    control,
    stats,
    resetStats: async () => void (await control("POST", "/stats/reset")),
    quiet: async () => {
      for (let last = -1; ;) {
        const { total } = await stats();
        if (total === last) return;
        last = total;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
  };
}

/**
 * One emulator for the calling file (or describe): started and pointed at in beforeAll, closed and the
 * environment restored in afterAll. The returned object is filled in by beforeAll.
 */
export function emulatorPerSuite(spec: EmulatorSpec): RouteTestEnv {
  const env = {} as RouteTestEnv;
  let restore = () => {};
  beforeAll(async () => {
    restore = saveDashboardEnv();
    Object.assign(env, await startTestEmulator(spec));
    pointDashboardAt(env.emu);
    usePrivateAuditDb();
  });
  afterAll(async () => {
    await env.emu?.close();
    restore();
  });
  return env;
}

// ---- calling route handlers ---------------------------------------------------------------------------

export type RouteParams = Record<string, string | string[]>;
export type RouteHandler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

export interface RouteResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

/**
 * Calls an exported handler as Next.js does behind server.ts: a real Request (a GET unless `init` says
 * otherwise), stamped as coming from 127.0.0.1 unless `init` stamps another peer, and the params as a promise.
 */
export async function call(handler: RouteHandler, path: string, params: RouteParams, init?: RequestInit): Promise<RouteResult> {
  const headers = new Headers(init?.headers);
  if (!headers.has(PEER_HEADER)) headers.set(PEER_HEADER, peerStamp("127.0.0.1"));
  const res = await handler(new Request(new URL(path, "http://localhost"), { ...init, headers }), { params: Promise.resolve(params) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A 200 whose body matches the route's own response schema (so its types are what the browser gets). */
export async function callOk<S extends z.ZodType>(handler: RouteHandler, path: string, params: RouteParams, schema: S): Promise<z.infer<S>> {
  const r = await call(handler, path, params);
  expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200);
  return schema.parse(r.json);
}

/** Reads a route's raw byte answer (file content). */
/**
 * A heatmap route's full answer (rates and diagnosis): its first answer may come from the failed tasks
 * alone, rates pending, while the full read goes on (docs/diagnosis.md, "Failures first"), so it is asked
 * again, as the page does, until the full answer comes.
 */
export async function fullHeatmap(handler: RouteHandler, path: string, params: RouteParams, schema = heatmapResponse): Promise<HeatmapResponse> {
  for (let i = 0; i < 300; i++) {
    const h = await callOk(handler, path, params, schema);
    if (!h.ratesPending) return h;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path}: the heatmap never gave its full answer`);
}

export async function callBytes(handler: RouteHandler, path: string, params: RouteParams): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await handler(new Request(new URL(path, "http://localhost")), { params: Promise.resolve(params) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const ERROR_FIELDS = new Set(["kind", "status", "code", "message", "requestId", "retryAfterSeconds"]);

/**
 * The error envelope and nothing else: {error:{kind,status,code?,message,requestId?,retryAfterSeconds?}},
 * with a readable message, never a stack frame or "[object Object]".
 */
export function expectApiError(r: RouteResult, kind: ApiErrorKind, httpStatus: number): ApiErrorInfo {
  expect(r.status, r.text).toBe(httpStatus);
  expect(r.headers.get("content-type")).toContain("application/json");
  const body = r.json as { error?: Record<string, unknown> } | undefined;
  expect(body && Object.keys(body)).toEqual(["error"]);
  const error = body!.error!;
  for (const field of Object.keys(error)) expect(ERROR_FIELDS, `unexpected field ${field}`).toContain(field);
  expect(API_ERROR_KINDS).toContain(error.kind);
  expect(error.kind, r.text).toBe(kind);
  expect(typeof error.status).toBe("number");
  expect(typeof error.message).toBe("string");
  expect((error.message as string).length).toBeGreaterThan(0);
  if ("code" in error) expect(typeof error.code).toBe("string");
  if ("requestId" in error) expect(typeof error.requestId).toBe("string");
  if ("retryAfterSeconds" in error) expect(typeof error.retryAfterSeconds).toBe("number");
  expect(r.text).not.toContain("[object Object]");
  expect(r.text).not.toMatch(/\bat \S+ \(|\bat (?:file|node):|\n\s+at |\.[cm]?[jt]s:\d+:\d+/);
  return error as unknown as ApiErrorInfo;
}

// ---- reading through the SDK --------------------------------------------------------------------------

/** Every task of a job through the SDK, optionally filtered by Batch itself. */
export function sdkTasks(env: RouteTestEnv, jobId: string, filter?: string) {
  return all(env.sdk.task.list(jobId, { taskListOptions: { maxResults: 1000, ...(filter ? { filter } : {}) } }), (link) => env.sdk.task.listNext(link));
}

/** Batch's OData time literal for an epoch-ms instant. */
export const odataTime = (ms: number) => `DateTime'${new Date(ms).toISOString()}'`;

export const sortedIds = (items: { id?: string }[]) => items.map((i) => i.id ?? "").sort();

/** Counts by key, as a plain object with sorted keys (stable for toEqual). */
export function tally<T>(items: readonly T[], key: (item: T) => string | number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    out[String(k)] = (out[String(k)] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const iso = (d: Date | string | undefined) => (d === undefined ? undefined : new Date(d).toISOString());

/** Drops undefined fields: the routes leave absent values out of their JSON, as toMatchObject then needs. */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
