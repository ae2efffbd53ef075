import { connect } from "node:net";
import { startDashboard, type Dashboard } from "../support/servers";
import { expect, test } from "../support/browser-test";

// The production server (server.ts) over a real socket, with oauth2-proxy's headers as it really sends
// them upstream (one X-Forwarded-Groups line per group). Only 127.0.0.2 is the trusted proxy: the same
// headers from 127.0.0.1 (anyone else who reaches the port) make no one, and the Host must be loopback.
let dashboard: Dashboard;
test.beforeAll(async () => {
  dashboard = await startDashboard({
    BATCHSCOPE_IDENTITY: "oauth2-proxy",
    BATCHSCOPE_TRUSTED_PROXIES: "127.0.0.2",
    BATCHSCOPE_OPERATOR_GROUPS: "batch-ops",
  });
});
test.afterAll(async () => {
  await dashboard?.stop();
});

/** One raw HTTP/1.1 GET from `from`, so header lines go out exactly as written. */
function rawGet(from: string, path: string, lines: string[]): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(dashboard.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress: from }, () => {
      socket.write([`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Connection: close", ...lines, "", ""].join("\r\n"));
    });
    let data = "";
    socket.on("data", (d: Buffer) => (data += d.toString("utf8")));
    socket.on("error", reject);
    socket.on("end", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      const body = data.slice(data.indexOf("\r\n\r\n") + 4);
      resolve({ status, body });
    });
  });
}

const OPERATOR = ["X-Forwarded-Email: ana@example.com", "X-Forwarded-User: 00u1", "X-Forwarded-Groups: devs", "X-Forwarded-Groups: batch-ops"];

test("the trusted proxy's headers make an operator; the same headers from another peer make no one", async () => {
  const proxied = await rawGet("127.0.0.2", "/api/accounts/demo/me", OPERATOR);
  expect(proxied.status).toBe(200);
  expect(proxied.body).toContain('"actor":"ana@example.com","role":"operator"');

  const direct = await rawGet("127.0.0.1", "/api/accounts/demo/me", OPERATOR);
  expect(direct.status).toBe(401);
  expect(direct.body).not.toContain("ana@example.com");

  const forgedStamp = await rawGet("127.0.0.1", "/api/accounts/demo/me", [...OPERATOR, "X-Batchscope-Peer: guess 127.0.0.2"]);
  expect(forgedStamp.status).toBe(401);
});

test("a Host that is not a loopback name is refused before anything runs (DNS rebinding)", async () => {
  const { port } = new URL(dashboard.url);
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: Number(port) }, () =>
      socket.write(`GET /api/accounts HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n`),
    );
    let data = "";
    socket.on("data", (d: Buffer) => (data += d.toString()));
    socket.on("error", reject);
    socket.on("end", () => resolve(data));
  });
  expect(raw).toMatch(/^HTTP\/1\.1 421/);
  expect(raw).toContain("MisdirectedRequest");
});
