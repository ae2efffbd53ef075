import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireRequest } from "@/lib/doctor/report";
import type { PrincipalClaims } from "@/lib/doctor/token-claims";
import { WireLog } from "@/lib/doctor/wire";

/** Two real loopback servers: the "account", and somewhere else (Entra ID, say) whose requests must not count. */
let account: Server;
let elsewhere: Server;
const origin = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

function get(server: Server, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin(server)}${path}`, { headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  const start = (status: number) =>
    new Promise<Server>((resolve) => {
      const s = createServer((req, res) => res.writeHead(status, { "request-id": `id-${req.url}` }).end("{}"));
      s.listen(0, "127.0.0.1", () => resolve(s));
    });
  account = await start(200);
  elsewhere = await start(403);
});
afterAll(() => {
  account.close();
  elsewhere.close();
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

describe("WireLog", () => {
  it("records what went to the account inside a capture: path as sent, api-version, status, request id, and the token's principal", async () => {
    const wire = new WireLog();
    wire.start();
    const requests: WireRequest[] = [];
    const principals: PrincipalClaims[] = [];
    const token = `${b64({ alg: "none" })}.${b64({ oid: "obj-7", tid: "t" })}.sig`;
    await wire.capture({ origin: origin(account), requests, onPrincipal: (p) => principals.push(p) }, async () => {
      await get(account, "/pools?api-version=2025-06-01&$select=id", { authorization: `Bearer ${token}` });
      await get(elsewhere, "/token?api-version=1");
    });
    await get(account, "/jobs?api-version=2025-06-01");
    wire.stop();
    await wire.capture({ origin: origin(account), requests, onPrincipal: () => undefined }, () => get(account, "/after-stop"));
    expect(requests).toEqual([
      {
        method: "GET",
        path: "/pools?api-version=2025-06-01&$select=id",
        apiVersion: "2025-06-01",
        status: 200,
        requestId: "id-/pools?api-version=2025-06-01&$select=id",
      },
    ]);
    expect(principals).toEqual([{ oid: "obj-7", tid: "t" }]);
    expect(JSON.stringify(requests)).not.toContain(token);
  });

  it("keeps checks that run at the same time apart", async () => {
    const wire = new WireLog();
    wire.start();
    const a: WireRequest[] = [];
    const b: WireRequest[] = [];
    const sink = (requests: WireRequest[]) => ({ origin: origin(account), requests, onPrincipal: () => undefined });
    await Promise.all([
      wire.capture(sink(a), async () => {
        for (let i = 0; i < 5; i++) await get(account, `/a${i}`);
      }),
      wire.capture(sink(b), async () => {
        await Promise.all([0, 1, 2, 3, 4].map((i) => get(account, `/b${i}`)));
      }),
    ]);
    wire.stop();
    expect(a.map((r) => r.path)).toEqual(["/a0", "/a1", "/a2", "/a3", "/a4"]);
    expect(b.map((r) => r.path).sort()).toEqual(["/b0", "/b1", "/b2", "/b3", "/b4"]);
    expect([...a, ...b].every((r) => r.apiVersion === undefined && r.status === 200)).toBe(true);
  });
});
