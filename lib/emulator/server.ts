import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { NEWEST_API_VERSION, requestApiVersion, type ApiVersion } from "./api-version";
import { verifyRequest } from "./auth/shared-key";
import { SimClock } from "./clock";
import { BatchServiceError, errorBody, Errors } from "./errors";
import { EventQueue } from "./events";
import { Faults, type FaultConfig } from "./faults";
import { controlRoutes, type RequestStats } from "./handlers/control";
import { fileRoutes } from "./handlers/files";
import { jobScheduleRoutes } from "./handlers/job-schedules";
import { jobRoutes } from "./handlers/jobs";
import { nodeRoutes } from "./handlers/nodes";
import { poolRoutes } from "./handlers/pools";
import { taskRoutes } from "./handlers/tasks";
import { Router, type Reply, type RouteContext } from "./http/router";
import { SERVICE_HEADERS } from "./http/wire-headers";
import { BatchStore } from "./model/store";
import { buildScenario, type ScenarioName } from "./scenarios";
import { DEFAULT_TIMINGS, type SimContext, type Timings } from "./sim/context";
import { schedulePass } from "./sim/scheduler";
import { lagTaskCounts } from "./sim/task-counts";
import { StorageModel } from "./storage/store";

/** The version a hand-made request (benchmarks, tests) sends; every version of api-version.ts is served. */
export const API_VERSION: ApiVersion = NEWEST_API_VERSION;
const MAX_BODY = 8 << 20;

export interface EmulatorOptions {
  port?: number;
  host?: string;
  scenario?: ScenarioName;
  seed?: number;
  speed?: number;
  account?: string;
  /** Base64 account key; a random one when absent. */
  key?: string;
  faults?: Partial<FaultConfig>;
  timings?: Partial<Timings>;
}

export interface Emulator {
  url: string;
  account: string;
  key: string;
  scenario: ScenarioName;
  seed: number;
  speed: number;
  sim: SimContext;
  faults: Faults;
  stats: RequestStats;
  /** Moves simulated time forward and runs everything that falls due. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const account = options.account ?? "emulator";
  const key = options.key ?? randomBytes(64).toString("base64");
  const keyBytes = Buffer.from(key, "base64");
  const seed = options.seed ?? 1;
  const speed = options.speed ?? 1;
  const scenario = options.scenario ?? "demo";
  const clock = new SimClock(Date.now(), speed);
  const queue = new EventQueue(clock);
  let kickPending = false;
  const sim: SimContext = {
    store: new BatchStore(account),
    clock,
    queue,
    storage: new StorageModel(),
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    now: () => queue.now(),
    kick: () => {
      if (kickPending) return;
      kickPending = true;
      queue.after(0, () => {
        kickPending = false;
        schedulePass(sim);
      });
    },
  };
  const faults = new Faults(seed, options.faults);
  const stats: RequestStats = { total: 0, byRoute: new Map(), byVersion: new Map() };
  buildScenario(scenario, sim, seed);
  lagTaskCounts(sim);
  queue.runDue();

  const advance = (ms: number) => {
    clock.advance(ms);
    queue.runDue();
  };
  const batch = new Router();
  poolRoutes(batch);
  nodeRoutes(batch);
  jobRoutes(batch);
  taskRoutes(batch);
  fileRoutes(batch);
  jobScheduleRoutes(batch);
  const control = new Router();
  let baseUrl = "";
  controlRoutes(control, {
    info: () => ({ account, url: baseUrl, scenario, seed, speed, now: new Date(clock.now()).toISOString(), pendingEvents: queue.size }),
    faults,
    stats,
    advance,
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error("emulator: unexpected error", e);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? "" : rawUrl.slice(q + 1));
    const method = req.method ?? "GET";
    res.setHeader("request-id", requestId);
    // The service's clock, not the host's: the dashboard computes windows from this header.
    res.setHeader("Date", new Date(clock.now()).toUTCString());
    if (req.headers["return-client-request-id"] === "true" && req.headers["client-request-id"]) {
      res.setHeader("client-request-id", String(req.headers["client-request-id"]));
    }
    const isControl = path === "/__emulator" || path.startsWith("/__emulator/");
    if (!isControl) for (const [name, value] of Object.entries(SERVICE_HEADERS)) res.setHeader(name, value);
    // The control API is versionless; it acts as the newest version where a handler asks.
    let apiVersion: ApiVersion = NEWEST_API_VERSION;
    try {
      if (!isControl) {
        stats.total++;
        const route = `${method} ${path}`;
        stats.byRoute.set(route, (stats.byRoute.get(route) ?? 0) + 1);
        const latency = faults.latencyFor(path);
        if (latency > 0) await new Promise((r) => setTimeout(r, latency));
        const fault = faults.decide(path);
        if (fault.kind === "drop") {
          req.socket.destroy();
          return;
        }
        if (fault.kind === "error") throw fault.error;
        const auth = verifyRequest({ method, url: rawUrl, headers: req.headers }, (name) => (name === account ? keyBytes : undefined), Date.now());
        if (!auth.ok) throw auth.code === "AuthenticationFailed" ? Errors.authenticationFailed(auth.reason) : Errors.invalidAuthenticationInfo(auth.reason);
        apiVersion = requestApiVersion(query);
        stats.byVersion.set(apiVersion, (stats.byVersion.get(apiVersion) ?? 0) + 1);
      }
      const rawBody = await readBody(req);
      const contentType = String(req.headers["content-type"] ?? "");
      let parsed: unknown;
      if (rawBody.length > 0 && (contentType.includes("json") || !isControl)) {
        try {
          parsed = JSON.parse(rawBody.toString("utf8"));
        } catch {
          throw Errors.invalidRequestBody("The request body is not valid JSON.");
        }
      }
      queue.runDue();
      const { handler, params } = (isControl ? control : batch).match(method, path);
      const context: RouteContext = { method, params, query, headers: req.headers, body: parsed, rawBody, baseUrl, path, sim, apiVersion };
      const reply = handler(context);
      queue.runDue();
      await send(res, reply, method === "HEAD");
    } catch (e) {
      // A client that hung up while its request was held (a killed caller, a timeout) is not a fault of
      // ours: there is nobody left to answer, and nothing to report.
      if ((e as NodeJS.ErrnoException)?.code === "ECONNRESET" && req.socket.destroyed) return;
      const error = e instanceof BatchServiceError ? e : (console.error("emulator: handler failed", e), Errors.internalError());
      const headers = { ...error.headers };
      if (method === "HEAD") return void res.writeHead(error.status, headers).end();
      await send(res, { status: error.status, json: errorBody(error, baseUrl, requestId, clock.now()), headers }, false);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    account,
    key,
    scenario,
    seed,
    speed,
    sim,
    faults,
    stats,
    advance,
    close: () =>
      new Promise<void>((resolve) => {
        queue.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BatchServiceError(413, "RequestBodyTooLarge", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function send(res: ServerResponse, reply: Reply, head: boolean): Promise<void> {
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
