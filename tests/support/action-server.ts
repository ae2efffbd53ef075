// A dashboard process for the crash test: the real action route handler (app/api/…/actions/route.ts) and
// everything under it, served over HTTP in a process of its own, so a test can SIGKILL it mid-action.
// Run with `node --conditions=react-server --import tsx tests/support/action-server.ts`; it prints
// "listening <port>" once it accepts requests. Configured by the same environment variables as the
// dashboard (BATCH_ACCOUNT_*, BATCHSCOPE_AUDIT_DB).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "@/app/api/accounts/[account]/pools/[poolId]/actions/route";

const ROUTE = /^\/api\/accounts\/([^/]+)\/pools\/([^/]+)\/actions$/;

const server = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    const match = ROUTE.exec(url.pathname);
    if (req.method !== "POST" || !match) return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) });
    const response = await POST(request, { params: Promise.resolve({ account: decodeURIComponent(match[1]!), poolId: decodeURIComponent(match[2]!) }) });
    res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await response.arrayBuffer()));
  })().catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});

server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
