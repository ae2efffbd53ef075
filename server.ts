// The production server (`npm start`, and `node .next/standalone/server.js` in the image): Next.js behind a
// plain Node HTTP server, because only the socket knows who connected and on which address the dashboard
// may listen (docs/architecture.md "Start-up").
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import next from "next";
import { PEER_HEADER, peerStamp } from "@/lib/identity/peer";
import { logger } from "@/lib/observability/logger";
import { FOREIGN_HOST_HEADER, hostAllowed, planListen, type ListenPlan } from "@/lib/server/startup/listen";
import { observed, pathOf } from "@/lib/server/startup/request-log";
import { RoutePatterns } from "@/lib/server/startup/route-patterns";
import { gracefulStop, InFlight } from "@/lib/server/startup/shutdown";
import { warmUp } from "@/lib/server/startup/warm-up";

function refuseHost(res: ServerResponse, plan: ListenPlan): void {
  const answers =
    plan.allowedHosts === "loopback" ? "loopback names (localhost, 127.0.0.1, [::1])" : `${plan.allowedHosts?.join(", ")} (BATCHSCOPE_PUBLIC_URL)`;
  const error = { kind: "badRequest", status: 421, code: "MisdirectedRequest", message: `This server answers only for ${answers}.` };
  res.writeHead(421, { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(JSON.stringify({ error }));
}

/**
 * The platform's probes ask by the container's address, not the public name; the health answer tells an
 * anonymous caller nothing about accounts (app/api/health), so it is answered whatever the Host.
 */
const answersAnyHost = (url: string | undefined) => pathOf(url) === "/api/health";

/**
 * Every request is stamped with the address it came from (lib/identity/peer.ts), replacing anything a
 * client sent under that name; a Host this server does not answer for is refused before Next.js sees it.
 * While stopping, each answer closes its connection, so keep-alive clients go to another replica.
 */
function handler(plan: ListenPlan, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, stopping: () => boolean) {
  return (req: IncomingMessage, res: ServerResponse) => {
    delete req.headers[PEER_HEADER];
    delete req.headers[FOREIGN_HOST_HEADER];
    if (stopping()) res.setHeader("connection", "close");
    if (!hostAllowed(req.headers.host, plan.allowedHosts)) {
      if (!answersAnyHost(req.url)) return refuseHost(res, plan);
      req.headers[FOREIGN_HOST_HEADER] = "1";
    }
    req.headers[PEER_HEADER] = peerStamp(req.socket.remoteAddress ?? "");
    handle(req, res).catch((e: unknown) => {
      logger().error({ err: { type: (e as Error)?.name, message: (e as Error)?.message } }, "Batchscope: request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

/**
 * Built as the standalone output (`.next/standalone/server.js`, docs/architecture.md "Start-up"), there is
 * no next.config.js beside it: the build's own copy of the configuration is handed to Next.js, as its
 * generated server would.
 */
function applyBuiltConfig(dir: string): void {
  if (existsSync(join(dir, "next.config.js"))) return;
  const files = join(dir, ".next", "required-server-files.json");
  if (!existsSync(files)) return;
  const { config } = JSON.parse(readFileSync(files, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
}

async function main(): Promise<void> {
  let plan: ListenPlan;
  try {
    plan = planListen();
  } catch (e) {
    console.error(`Batchscope cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
  applyBuiltConfig(__dirname);
  const app = next({ dev: false, dir: __dirname, hostname: plan.host, port: plan.port });
  await app.prepare();
  const inFlight = new InFlight();
  let stopping = false;
  const handle = handler(plan, app.getRequestHandler(), () => stopping);
  const server = createServer(
    observed(RoutePatterns.fromBuild(__dirname), (req, res) => {
      inFlight.track(res);
      handle(req, res);
    }),
  );
  server.listen(plan.port, plan.host, () => console.log(plan.message));
  // In the background: a request that comes first loads what it needs as it would have, once.
  void warmUp(plan, handle).then(
    (done) => logger().info({ warmUp: done }, "Batchscope: warm-up done"),
    () => undefined,
  );
  const stop = gracefulStop(server, inFlight, (message) => logger().info(message));
  const onSignal = (signal: NodeJS.Signals) => {
    stopping = true;
    stop(signal);
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}

void main();
