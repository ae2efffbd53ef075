import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NEWEST_API_VERSION, type ApiVersion } from "./api-version";
import { Faults, type FaultConfig } from "./faults";
import { controlRoutes, type RequestStats } from "./handlers/control";
import { fileRoutes } from "./handlers/files";
import { jobScheduleRoutes } from "./handlers/job-schedules";
import { jobRoutes } from "./handlers/jobs";
import { nodeRoutes } from "./handlers/nodes";
import { poolRoutes } from "./handlers/pools";
import { taskRoutes } from "./handlers/tasks";
import { handleRequest, type RequestDeps } from "./http/handle-request";
import { Router } from "./http/router";
import type { ScenarioName } from "./scenarios";
import type { SimContext, Timings } from "./sim/context";
import { advanceSim, createSim } from "./sim/create-sim";

/** The version a hand-made request (benchmarks, tests) sends; every version of api-version.ts is served. */
export const API_VERSION: ApiVersion = NEWEST_API_VERSION;

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

function batchRouter(): Router {
  const batch = new Router();
  poolRoutes(batch);
  nodeRoutes(batch);
  jobRoutes(batch);
  taskRoutes(batch);
  fileRoutes(batch);
  jobScheduleRoutes(batch);
  return batch;
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve(`http://${shown}:${address.port}`);
    });
  });
}

function closeServer(server: Server, sim: SimContext): Promise<void> {
  return new Promise<void>((resolve) => {
    sim.queue.close();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * Starts an emulated Batch account on a real socket: the simulation with its scenario laid down, the Batch
 * routes behind the fault and signature gate, and the control API under /__emulator.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const account = options.account ?? "emulator";
  const key = options.key ?? randomBytes(64).toString("base64");
  const { seed = 1, speed = 1, scenario = "demo" } = options;
  const sim = createSim({ account, scenario, seed, speed, timings: options.timings });
  const faults = new Faults(seed, options.faults);
  const stats: RequestStats = { total: 0, byRoute: new Map(), byVersion: new Map() };
  const advance = (ms: number) => advanceSim(sim, ms);
  let baseUrl = "";

  const control = new Router();
  controlRoutes(control, {
    info: () => ({
      account,
      url: baseUrl,
      scenario,
      seed,
      speed,
      now: new Date(sim.clock.now()).toISOString(),
      pendingEvents: sim.queue.size,
    }),
    faults,
    stats,
    advance,
  });
  const deps: RequestDeps = {
    account,
    keyBytes: Buffer.from(key, "base64"),
    sim,
    faults,
    stats,
    batch: batchRouter(),
    control,
    baseUrl: () => baseUrl,
  };
  const server = createServer((req, res) => {
    handleRequest(req, res, deps).catch((e: unknown) => {
      console.error("emulator: unexpected error", e);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  baseUrl = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  return { url: baseUrl, account, key, scenario, seed, speed, sim, faults, stats, advance, close: () => closeServer(server, sim) };
}
