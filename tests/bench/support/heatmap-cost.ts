// What one measured run of the heatmap benchmark cost: Batch calls (the emulator's own count), body and wire
// bytes (counted on the emulator's side), wall and CPU time.
import dc from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Emulator } from "../../../lib/emulator/server";

// ---------------------------------------------------------------------------------------------- byte meter

export interface Bytes {
  body: number;
  wire: number;
  responses: number;
}

/**
 * Counts what the emulator sends, from its side: sockets accepted on its port (bytesWritten survives the
 * socket's close, so a closed connection still counts) and Content-Length of every Batch response.
 * Control-API responses (/__emulator/…) are left out of body bytes and happen outside the measured
 * interval for wire bytes (see measure()).
 */
export class EmulatorMeter {
  private readonly sockets = new Set<Socket>();
  private body = 0;
  private responses = 0;

  constructor(private readonly port: number) {
    dc.subscribe("net.server.socket", (message) => this.onSocket(message as { socket: Socket }));
    dc.subscribe("http.server.response.finish", (message) => this.onResponse(message as { request: IncomingMessage; response: ServerResponse }));
  }

  snapshot(): Bytes {
    let wire = 0;
    for (const s of this.sockets) wire += s.bytesWritten;
    return { body: this.body, wire, responses: this.responses };
  }

  private onSocket({ socket }: { socket: Socket }): void {
    if (socket.localPort === this.port) this.sockets.add(socket);
  }

  private onResponse({ request, response }: { request: IncomingMessage; response: ServerResponse }): void {
    if (request.socket.localPort !== this.port || (request.url ?? "").startsWith("/__emulator")) return;
    this.responses++;
    this.body += Number(response.getHeader("content-length") ?? 0);
  }
}

// ---------------------------------------------------------------------------------------------- emulator stats

export interface EmulatorStats {
  total: number;
  byRoute: Record<string, number>;
}

/**
 * A control request on a fresh connection: a pooled one the emulator closed as idle meanwhile (its
 * keep-alive ends while the measurement runs) fails with ECONNRESET under load.
 */
const control = (url: string, init: RequestInit = {}) => fetch(url, { ...init, headers: { ...init.headers, connection: "close" } });

export async function resetStats(emu: Emulator): Promise<void> {
  const res = await control(`${emu.url}/__emulator/stats/reset`, { method: "POST" });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`stats reset: HTTP ${res.status}`);
}

export async function readStats(emu: Emulator): Promise<EmulatorStats> {
  const res = await control(`${emu.url}/__emulator/stats`);
  if (!res.ok) throw new Error(`stats: HTTP ${res.status}`);
  return (await res.json()) as EmulatorStats;
}

/** "GET /jobs/sweep-01/tasks" → "tasks": which kinds of list the calls were, to read the call counts. */
export function routeKinds(byRoute: Record<string, number>): string {
  const kinds = new Map<string, number>();
  for (const [route, n] of Object.entries(byRoute)) {
    const kind = route.split(" ")[1]?.split("/").at(-1) ?? route;
    kinds.set(kind, (kinds.get(kind) ?? 0) + n);
  }
  return [...kinds].map(([k, n]) => `${k} ${n}`).join(", ");
}

// ---------------------------------------------------------------------------------------------- measuring

export interface Cost {
  calls: number;
  routes: string;
  body: number;
  wire: number;
  wallMs: number;
  cpuMs: number;
}

export const gc = typeof globalThis.gc === "function" ? globalThis.gc : undefined;

/**
 * One measured run. Stats are reset and bytes snapshotted before the clock starts, and read after it
 * stops, so the control-API traffic of the bench itself never lands inside a measurement.
 */
export async function measure<T>(emu: Emulator, meter: EmulatorMeter, run: () => Promise<T>, inFlightAllowed = false): Promise<{ cost: Cost; value: T }> {
  // Garbage of the previous run (200,000 full tasks after a naive run) must not be collected on this one's clock.
  gc?.();
  await resetStats(emu);
  const before = meter.snapshot();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = meter.snapshot();
  const stats = await readStats(emu);
  // Two independent counters of the same requests: if they disagree, neither calls nor bytes can be trusted.
  // A run beside other work (the full read behind a first answer) may see requests of that work unanswered
  // yet, or answered from before: calls are then the requests received in the interval, bytes those sent.
  if (!inFlightAllowed && after.responses - before.responses !== stats.total) {
    throw new Error(`meter saw ${after.responses - before.responses} Batch responses, emulator counted ${stats.total}`);
  }
  const cost = {
    calls: stats.total,
    routes: routeKinds(stats.byRoute),
    body: after.body - before.body,
    wire: after.wire - before.wire,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  return { cost, value };
}
