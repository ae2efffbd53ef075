import { describe, expect, it } from "vitest";
import type { AuditRecord } from "@/lib/schemas/audit";
import { connectUnavailable, credentialFor, nodeAccess, nodeUsersFromAudit } from "./node-access";

describe("nodeAccess", () => {
  it("tells Linux VM pools from Windows VM and cloud-service pools", () => {
    expect(nodeAccess({ virtualMachineConfiguration: { nodeAgentSKUId: "batch.node.ubuntu 22.04", imageReference: { publisher: "canonical" } } })).toEqual({
      configuration: "virtualMachine",
      os: "linux",
    });
    expect(nodeAccess({ virtualMachineConfiguration: { nodeAgentSKUId: "batch.node.windows amd64" } })).toEqual({
      configuration: "virtualMachine",
      os: "windows",
    });
    // An agent SKU we do not know: the image says Windows.
    expect(
      nodeAccess({
        virtualMachineConfiguration: { nodeAgentSKUId: "batch.node.future", imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer" } },
      }).os,
    ).toBe("windows");
    expect(nodeAccess({ cloudServiceConfiguration: { osFamily: "6" } })).toEqual({ configuration: "cloudService", os: "windows" });
  });
});

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  id: over.id ?? "r",
  operationId: "op",
  time: "2026-11-27T10:00:00.000Z",
  actor: "ana@example.com",
  role: "operator",
  account: "a",
  poolId: "p",
  nodeId: "n",
  action: "addUser",
  reason: "",
  outcome: "accepted",
  hasEvidence: false,
  ...over,
});

describe("nodeUsersFromAudit", () => {
  const now = Date.parse("2026-11-27T11:30:00Z");
  it("lists accepted adds newest first, expired by the service clock, removed after an accepted or already-gone delete", () => {
    const records = [
      record({ id: "a1", userName: "bs-aaaaaaaa", time: "2026-11-27T10:00:00.000Z", expiryTime: "2026-11-27T11:00:00.000Z" }),
      record({ id: "a2", userName: "bs-bbbbbbbb", time: "2026-11-27T10:05:00.000Z", expiryTime: "2026-11-27T12:05:00.000Z" }),
      record({ id: "a3", userName: "bs-cccccccc", time: "2026-11-27T10:10:00.000Z", expiryTime: "2026-11-27T12:10:00.000Z" }),
      record({ id: "f1", userName: "bs-dddddddd", time: "2026-11-27T10:15:00.000Z", expiryTime: "2026-11-27T12:15:00.000Z", outcome: "failed" }),
      record({ id: "d1", action: "deleteUser", userName: "bs-bbbbbbbb", time: "2026-11-27T10:20:00.000Z", outcome: "failed" }),
      record({ id: "d2", action: "deleteUser", userName: "bs-cccccccc", time: "2026-11-27T10:25:00.000Z", outcome: "alreadyDone" }),
    ];
    const users = nodeUsersFromAudit(records, now);
    expect(users.map((u) => [u.userName, u.expired, u.removed])).toEqual([
      ["bs-cccccccc", false, true],
      ["bs-bbbbbbbb", false, false],
      ["bs-aaaaaaaa", true, false],
    ]);
    expect(users[2]).toMatchObject({ createdBy: "ana@example.com", createdAt: "2026-11-27T10:00:00.000Z", recordId: "a1" });
  });
});

describe("credentialFor", () => {
  it("asks for a key on Linux VM pools and generates a password otherwise", () => {
    expect(credentialFor({ configuration: "virtualMachine", image: "canonical / 0001-com-ubuntu-server-jammy / 22_04-lts / latest" })).toBe("sshKey");
    expect(credentialFor({ configuration: "virtualMachine", image: "microsoftwindowsserver / windowsserver / 2022-datacenter / latest" })).toBe("password");
    expect(credentialFor({ configuration: "cloudService", image: "Cloud Services OS family 6" })).toBe("password");
  });
});

describe("connectUnavailable", () => {
  it("refuses Connect on a cloud-service pool only where the API version has no RDP file", () => {
    expect(connectUnavailable("cloudService", "2025-06-01")).toMatch(/RDP file.*2025-06-01/);
    expect(connectUnavailable("cloudService", "2022-10-01.16.0")).toBeUndefined();
    expect(connectUnavailable("virtualMachine", "2025-06-01")).toBeUndefined();
  });
});
