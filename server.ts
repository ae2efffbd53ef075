// The production server (`npm start`): Next.js behind a plain Node HTTP server, because only the socket
// knows who connected and on which address the dashboard may listen (docs/architecture.md "Start-up").
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { PEER_HEADER, peerStamp } from "@/lib/identity/peer";
import { hostAllowed, planListen, type ListenPlan } from "@/lib/server/startup/listen";

function refuseHost(res: ServerResponse, plan: ListenPlan): void {
  const answers =
    plan.allowedHosts === "loopback" ? "loopback names (localhost, 127.0.0.1, [::1])" : `${plan.allowedHosts?.join(", ")} (BATCHSCOPE_PUBLIC_URL)`;
  const error = { kind: "badRequest", status: 421, code: "MisdirectedRequest", message: `This server answers only for ${answers}.` };
  res.writeHead(421, { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(JSON.stringify({ error }));
}

/**
 * Every request is stamped with the address it came from (lib/identity/peer.ts), replacing anything a
 * client sent under that name; a Host this server does not answer for is refused before Next.js sees it.
 */
function handler(plan: ListenPlan, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    delete req.headers[PEER_HEADER];
    if (!hostAllowed(req.headers.host, plan.allowedHosts)) return refuseHost(res, plan);
    req.headers[PEER_HEADER] = peerStamp(req.socket.remoteAddress ?? "");
    handle(req, res).catch((e: unknown) => {
      console.error("Batchscope: request failed", e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

async function main(): Promise<void> {
  let plan: ListenPlan;
  try {
    plan = planListen();
  } catch (e) {
    console.error(`Batchscope cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
  const app = next({ dev: false, dir: __dirname, hostname: plan.host, port: plan.port });
  await app.prepare();
  const server = createServer(handler(plan, app.getRequestHandler()));
  server.listen(plan.port, plan.host, () => console.log(plan.message));
  // Idle keep-alive connections would hold close() open; requests in flight get a few seconds to finish.
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

void main();
