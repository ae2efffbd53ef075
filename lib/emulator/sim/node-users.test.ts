import { describe, expect, it } from "vitest";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import { BatchServiceError } from "../errors";
import type { NodeRecord, NodeState } from "../model/types";
import { addNodeUser, deleteNodeUser, effectiveExpiryMs, sshKeyProblem, updateNodeUser, userNameProblem } from "./node-users";

const NOW = Date.UTC(2026, 5, 1, 12);
const HOUR = 3_600_000;
const node = (state: NodeState = "idle") => ({ wire: { state }, users: new Map() }) as unknown as NodeRecord;

function refusal(run: () => unknown): { status: number; code: string; values: { key: string; value: string }[] } {
  try {
    run();
  } catch (e) {
    if (e instanceof BatchServiceError) return { status: e.status, code: e.code, values: e.values };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("userNameProblem", () => {
  it.each(["ops", "_svc", "a-b_c9", "x".repeat(32)])("accepts the Linux name %s", (name) => expect(userNameProblem(name, "linux")).toBeUndefined());
  it.each(["Ops", "9lives", "has space", "x".repeat(33), "root", "_azbatch", "a.b", ""])("refuses the Linux name %j", (name) =>
    expect(userNameProblem(name, "linux")).toBeDefined(),
  );
  it.each(["Ops", "dev.user", "x".repeat(20)])("accepts the Windows name %s", (name) => expect(userNameProblem(name, "windows")).toBeUndefined());
  it.each(["a@b", "x".repeat(21), "Administrator", "...", "a/b", "c:d"])("refuses the Windows name %j", (name) =>
    expect(userNameProblem(name, "windows")).toBeDefined(),
  );
});

describe("sshKeyProblem", () => {
  it("accepts a generated OpenSSH key line, with or without a comment", () => {
    const key = newSshPublicKey("me@laptop");
    expect(sshKeyProblem(key)).toBeUndefined();
    expect(sshKeyProblem(key.split(" ").slice(0, 2).join(" "))).toBeUndefined();
  });

  it("refuses a key whose type word does not match its blob, a truncated blob, two lines and a private key", () => {
    const [, blob] = newSshPublicKey().split(" ");
    expect(sshKeyProblem(`ssh-rsa ${blob}`)).toBeDefined();
    expect(sshKeyProblem(`ssh-ed25519 ${blob!.slice(0, 12)}`)).toBeDefined();
    expect(sshKeyProblem(`${newSshPublicKey()}\n${newSshPublicKey()}`)).toBeDefined();
    expect(sshKeyProblem("-----BEGIN OPENSSH PRIVATE KEY-----")).toBeDefined();
    expect(sshKeyProblem("not a key")).toBeDefined();
  });
});

describe("addNodeUser", () => {
  it("keeps the name, admin flag and expiry, and only whether a key or password was given", () => {
    const n = node();
    const expiry = new Date(NOW + 3_600_000).toISOString();
    const user = addNodeUser(n, { name: "ops", isAdmin: true, expiryTime: expiry, sshPublicKey: newSshPublicKey() }, "linux", NOW);
    // Linux: kept until the end of the UTC day of the requested expiry (NOW is noon UTC).
    expect(user).toEqual({ name: "ops", isAdmin: true, expiryMs: NOW + 12 * HOUR, hasPassword: false, hasSshKey: true });
    expect(JSON.stringify([...n.users.values()])).not.toContain("ssh-ed25519");
  });

  it("defaults the expiry to one day from now, to the day's end on Linux", () => {
    expect(addNodeUser(node(), { name: "ops", password: "pw" }, "linux", NOW).expiryMs).toBe(NOW + 36 * HOUR);
    expect(addNodeUser(node(), { name: "ops", password: "pw" }, "windows", NOW).expiryMs).toBe(NOW + 24 * HOUR);
  });

  it("keeps a Windows expiry exact, and a Linux expiry already at midnight as it is", () => {
    expect(addNodeUser(node(), { name: "ops", password: "pw", expiryTime: new Date(NOW + HOUR).toISOString() }, "windows", NOW).expiryMs).toBe(NOW + HOUR);
    expect(effectiveExpiryMs(NOW + 12 * HOUR, "linux")).toBe(NOW + 12 * HOUR);
    expect(effectiveExpiryMs(NOW + 12 * HOUR + 1, "linux")).toBe(NOW + 36 * HOUR);
  });

  it("accepts .NET's DateTime.MinValue as no expiry given, as the service did", () => {
    expect(addNodeUser(node(), { name: "ops", password: "pw", expiryTime: "0001-01-01T00:00:00Z" }, "windows", NOW).expiryMs).toBe(NOW + 24 * HOUR);
  });
});

describe("addNodeUser refuses", () => {
  it("refuses a duplicate with 409 NodeUserExists, case-insensitively on Windows only", () => {
    const lin = node();
    addNodeUser(lin, { name: "ops", password: "pw" }, "linux", NOW);
    expect(refusal(() => addNodeUser(lin, { name: "ops", password: "pw" }, "linux", NOW))).toMatchObject({
      status: 409,
      code: "NodeUserExists",
    });
    const win = node();
    addNodeUser(win, { name: "Ops", password: "pw" }, "windows", NOW);
    expect(refusal(() => addNodeUser(win, { name: "OPS", password: "pw" }, "windows", NOW))).toMatchObject({
      status: 409,
      code: "NodeUserExists",
    });
  });

  it("refuses an expiry in the past or now, and one that is not a date, naming expiryTime", () => {
    for (const expiryTime of [new Date(NOW - 1).toISOString(), new Date(NOW).toISOString(), "tomorrow"]) {
      const e = refusal(() => addNodeUser(node(), { name: "ops", password: "pw", expiryTime }, "linux", NOW));
      expect(e).toMatchObject({ status: 400, code: "InvalidPropertyValue" });
      expect(e.values).toContainEqual({ key: "PropertyName", value: "expiryTime" });
    }
  });

  it("refuses an SSH key on Windows and a Windows user without a password, never echoing the secret", () => {
    const key = newSshPublicKey();
    const e = refusal(() => addNodeUser(node(), { name: "ops", password: "pw", sshPublicKey: key }, "windows", NOW));
    expect(e).toMatchObject({ status: 400, code: "InvalidPropertyValue" });
    expect(JSON.stringify(e.values)).not.toContain(key.split(" ")[1]);
    expect(refusal(() => addNodeUser(node(), { name: "ops" }, "windows", NOW))).toMatchObject({
      status: 400,
      code: "MissingRequiredProperty",
    });
  });

  it("refuses a bad SSH key without echoing it, and a Linux user with neither key nor password", () => {
    const e = refusal(() => addNodeUser(node(), { name: "ops", sshPublicKey: "ssh-ed25519 c2VjcmV0" }, "linux", NOW));
    expect(e).toMatchObject({ status: 400, code: "InvalidPropertyValue" });
    expect(JSON.stringify(e.values)).not.toContain("c2VjcmV0");
    expect(refusal(() => addNodeUser(node(), { name: "ops" }, "linux", NOW))).toMatchObject({
      status: 400,
      code: "MissingRequiredProperty",
    });
  });

  it.each([
    ["rebooting", "NodeBeingRebooted"],
    ["creating", "NodeBeingCreated"],
    ["waitingforstarttask", "NodeBeingStarted"],
    ["unusable", "NodeStateUnusable"],
    ["leavingpool", "OperationInvalidForCurrentState"],
    ["preempted", "OperationInvalidForCurrentState"],
  ] as const)("refuses a %s node with 409 %s", (state, code) => {
    expect(refusal(() => addNodeUser(node(state), { name: "ops", password: "pw" }, "linux", NOW))).toMatchObject({ status: 409, code });
  });

  it.each(["idle", "running", "offline", "starttaskfailed"] as const)("accepts a %s node", (state) => {
    expect(addNodeUser(node(state), { name: "ops", password: "pw" }, "linux", NOW).name).toBe("ops");
  });
});

describe("updateNodeUser and deleteNodeUser", () => {
  it("replaces the credentials: an omitted key is removed and an omitted expiry goes back to one day", () => {
    const n = node();
    addNodeUser(n, { name: "ops", password: "pw", sshPublicKey: newSshPublicKey(), expiryTime: new Date(NOW + 60_000).toISOString() }, "linux", NOW);
    const updated = updateNodeUser(n, "ops", { password: "new" }, "linux", NOW + 1000);
    expect(updated).toMatchObject({ hasPassword: true, hasSshKey: false, expiryMs: NOW + 36 * HOUR });
  });

  it("answers 404 NodeUserNotFound for a user that is not there, and deletes one that is", () => {
    const n = node();
    expect(refusal(() => updateNodeUser(n, "ghost", { password: "pw" }, "linux", NOW))).toMatchObject({
      status: 404,
      code: "NodeUserNotFound",
    });
    addNodeUser(n, { name: "ops", password: "pw" }, "linux", NOW);
    deleteNodeUser(n, "ops", "linux");
    expect(n.users.size).toBe(0);
    expect(refusal(() => deleteNodeUser(n, "ops", "linux"))).toMatchObject({ status: 404, code: "NodeUserNotFound" });
  });
});
