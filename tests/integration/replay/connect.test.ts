import { describe, expect, it } from "vitest";
import { POST as nodeUsersPOST } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users/route";
import { connectResponse } from "@/lib/schemas/connect";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import { recordedBody, recordedHeader, replayPerSuite } from "./support";

// The azure-powershell node-user recording (2024): an Ubuntu 20.04 pool, its 72-character node, the 201 of
// adding a user; the remote login settings are the 2019 recording's body at this node's path (derived).
const env = replayPerSuite("replay-connect", ["pool-get-resizing-2024", "node-user-add", "node-remote-login-settings-derived"]);
const POOL = "computenodeuserendtoendpool";
const NODE = "tvmps_60cfed2e81a0ebbb0d994f322486c94bb5b42a907a87ae8a39b6b5733bcbdf01_d";

describe("connect to a node of a recorded Linux pool", () => {
  it("adds the user (201, empty body) and gives the ssh address and numeric port Batch reports", async () => {
    const url = `http://localhost/api/accounts/${env.account}/pools/${POOL}/nodes/${NODE}/users`;
    const request = new Request(url, {
      method: "POST",
      headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify({ sshPublicKey: newSshPublicKey(), expiryHours: 1, reason: "replay test" }),
    });
    const res = await nodeUsersPOST(request, { params: Promise.resolve({ account: env.account, poolId: POOL, nodeId: NODE }) });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = connectResponse.parse(JSON.parse(text));
    const login = recordedBody("node-remote-login-settings-derived");
    expect(body.connection).toMatchObject({ kind: "ssh", address: login.remoteLoginIPAddress, port: login.remoteLoginPort });
    expect(body.requestId).toBe(recordedHeader("node-user-add", "request-id"));
    expect(body.password).toBeUndefined();
    // Expiry counts from the service's time, the recorded Date of the pool read, not this machine's clock.
    const serviceNow = Date.parse(recordedHeader("pool-get-resizing-2024", "Date")!);
    expect(Math.abs(Date.parse(body.expiryTime) - (serviceNow + 3_600_000))).toBeLessThan(5_000);
    const methods = env.server.requests.map((r) => `${r.method} ${r.fixture}`);
    expect(methods).toEqual(["GET pool-get-resizing-2024", "POST node-user-add", "GET node-remote-login-settings-derived"]);
  });
});
