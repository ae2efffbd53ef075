// Start-up code: read by server.ts outside the React server layer (no "server-only").
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ListenPlan } from "./listen";

/**
 * An account name no URL can name (an underscore is not allowed in one), so each page or route below stops
 * at its first check (a page with "No such account", a route with 400), after loading every module it
 * imports, and makes no Batch call.
 */
const NO_ACCOUNT = "_warm-up_";

/**
 * What an operator opens from an incident ticket: the pool page and the reads it starts as it hydrates,
 * then the node, job and task pages. A fresh process spent about 2 s of CPU on its first request
 * (loading and instantiating the route's server modules and the SDK's), 15 times the next one.
 */
export const WARM_UP_PATHS = [
  `/${NO_ACCOUNT}/pools/p`,
  ...["heatmap", "heatmap/progress", "failures", "signatures", "nodes", "health"].map((r) => `/api/accounts/${NO_ACCOUNT}/pools/p/${r}`),
  `/api/accounts/${NO_ACCOUNT}/me`,
  `/api/accounts/${NO_ACCOUNT}/audit`,
  `/${NO_ACCOUNT}/pools/p/nodes/n`,
  `/${NO_ACCOUNT}/jobs/j`,
  `/${NO_ACCOUNT}/jobs/j/tasks/t`,
];

/** A Host the server answers (listen.ts), so the warm-up requests reach Next.js. */
function hostFor(plan: ListenPlan): string {
  return Array.isArray(plan.allowedHosts) && plan.allowedHosts[0] ? plan.allowedHosts[0] : "localhost";
}

/** The status of one GET, or 0 when it got none (refused, reset, or no answer within 30 s). */
function get(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host }, timeout: 30_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
    req.end();
  });
}

export interface WarmUp {
  ms: number;
  /** How many paths answered each status (0: no answer); a 5xx or 0 is a route that did not load. */
  statuses: Record<string, number>;
}

/**
 * Loads the incident pages' server modules before the first operator waits for them: each path asked
 * once, one after the other, through a loopback listener of its own (not the public one: nothing of it
 * reaches the request log or the metrics), which is closed afterwards. Best effort: a path that fails only
 * leaves its modules to the first real request.
 */
export async function warmUp(plan: ListenPlan, handle: (req: IncomingMessage, res: ServerResponse) => void, paths = WARM_UP_PATHS): Promise<WarmUp> {
  const started = Date.now();
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const statuses: Record<string, number> = {};
  try {
    const { port } = server.address() as AddressInfo;
    for (const path of paths) {
      const status = String(await get(port, path, hostFor(plan)));
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  } finally {
    server.close();
  }
  return { ms: Date.now() - started, statuses };
}
