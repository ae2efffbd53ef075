import type { NodeUserSummary as ShownUser } from "@/lib/emulator/handlers/control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import { failure, readyPool, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let lin: string[] = [];
let win = "";
const users = async (pool: string, node: string) => (await h.control("GET", `/pools/${pool}/nodes/${node}/users`)) as ShownUser[];
const simNow = async () => Date.parse(((await h.control("GET", "")) as { now: string }).now);

beforeAll(async () => {
  h = await startHarness();
  lin = (await readyPool(h, "lin", 2)).map((n) => n.id!);
  await h.client.pool.add({ id: "classic", vmSize: "standard_d2_v2", cloudServiceConfiguration: { osFamily: "6" }, targetDedicatedNodes: 1 });
  const [node] = await waitFor(
    h.emu,
    () => h.client.computeNode.list("classic"),
    (l) => l.length === 1 && l[0]!.state === "idle",
    { stepMs: 5_000 },
  );
  win = node!.id!;
});
afterAll(() => h.close());

/** The next UTC midnight at or after `d`. */
const endOfUtcDay = (d: Date) => new Date(Math.ceil(d.getTime() / 86_400_000) * 86_400_000);

describe("computeNode.addUser on a Linux VM pool", () => {
  it("answers 201 with the declared headers and keeps the user, but never its key, on the node", async () => {
    const key = newSshPublicKey();
    const expiry = new Date((await simNow()) + 3_600_000);
    const res = await h.client.computeNode.addUser("lin", lin[0]!, { name: "ops1", isAdmin: true, expiryTime: expiry, sshPublicKey: key });
    expect(res._response.status).toBe(201);
    expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.dataServiceId).toBe(`${h.emu.url}/pools/lin/nodes/${lin[0]}/users/ops1`);
    expect(res.lastModified).toBeInstanceOf(Date);

    const shown = await users("lin", lin[0]!);
    // On Linux the expiry has a precision of a day: the user is kept until the next UTC midnight.
    expect(shown).toEqual([{ name: "ops1", isAdmin: true, expiryTime: endOfUtcDay(expiry).toISOString(), hasPassword: false, hasSshKey: true }]);
    const node = await h.client.computeNode.get("lin", lin[0]!);
    expect(node._response.bodyAsText).not.toContain(key.split(" ")[1]);
    expect(node._response.bodyAsText).not.toContain("ops1");
  });

  it("defaults the expiry to one day from the service's time", async () => {
    const before = await simNow();
    await h.client.computeNode.addUser("lin", lin[0]!, { name: "ops2", password: "S3cret-pass" });
    const after = await simNow();
    const ops2 = (await users("lin", lin[0]!)).find((u) => u.name === "ops2")!;
    expect(Date.parse(ops2.expiryTime)).toBeGreaterThanOrEqual(endOfUtcDay(new Date(before + 86_400_000)).getTime());
    expect(Date.parse(ops2.expiryTime)).toBeLessThanOrEqual(endOfUtcDay(new Date(after + 86_400_000)).getTime());
    expect(ops2).toMatchObject({ isAdmin: false, hasPassword: true, hasSshKey: false });
  });

  it("refuses a second user of the same name with 409 NodeUserExists, on that node only", async () => {
    const dup = await failure(h.client.computeNode.addUser("lin", lin[0]!, { name: "ops1", sshPublicKey: newSshPublicKey() }));
    expect([dup.statusCode, dup.code]).toEqual([409, "NodeUserExists"]);
    const other = await h.client.computeNode.addUser("lin", lin[1]!, { name: "ops1", sshPublicKey: newSshPublicKey() });
    expect(other._response.status).toBe(201);
  });

  it("refuses invalid names with 400 InvalidPropertyValue naming 'name', and creates nothing", async () => {
    for (const name of ["Has Space", "root", "x".repeat(33), "9lives"]) {
      const e = await failure(h.client.computeNode.addUser("lin", lin[1]!, { name, sshPublicKey: newSshPublicKey() }));
      expect([e.statusCode, e.code]).toEqual([400, "InvalidPropertyValue"]);
      expect(e.body?.values).toContainEqual({ key: "PropertyName", value: "name" });
    }
    expect((await users("lin", lin[1]!)).map((u) => u.name)).toEqual(["ops1"]);
  });

  it("refuses an expiry in the past with 400 InvalidPropertyValue naming expiryTime", async () => {
    const past = new Date((await simNow()) - 60_000);
    const e = await failure(h.client.computeNode.addUser("lin", lin[1]!, { name: "late", expiryTime: past, sshPublicKey: newSshPublicKey() }));
    expect([e.statusCode, e.code]).toEqual([400, "InvalidPropertyValue"]);
    expect(e.body?.values).toContainEqual({ key: "PropertyName", value: "expiryTime" });
    expect((await users("lin", lin[1]!)).map((u) => u.name)).not.toContain("late");
  });
});

describe("computeNode.addUser: bad credentials, a rebooting node, a missing node or pool", () => {
  it("refuses a malformed SSH key without echoing it, and a user with neither key nor password", async () => {
    const broken = newSshPublicKey().slice(0, 40);
    const bad = await failure(h.client.computeNode.addUser("lin", lin[1]!, { name: "keyless", sshPublicKey: broken }));
    expect([bad.statusCode, bad.code]).toEqual([400, "InvalidPropertyValue"]);
    expect(bad.body?.values).toContainEqual({ key: "PropertyName", value: "sshPublicKey" });
    expect(JSON.stringify(bad.body)).not.toContain(broken.split(" ")[1]);
    const none = await failure(h.client.computeNode.addUser("lin", lin[1]!, { name: "keyless" }));
    expect([none.statusCode, none.code]).toEqual([400, "MissingRequiredProperty"]);
    expect((await users("lin", lin[1]!)).map((u) => u.name)).not.toContain("keyless");
  });

  it("refuses a node that is rebooting with 409 NodeBeingRebooted", async () => {
    await h.client.computeNode.reboot("lin", lin[1]!);
    const e = await failure(h.client.computeNode.addUser("lin", lin[1]!, { name: "early", sshPublicKey: newSshPublicKey() }));
    expect([e.statusCode, e.code]).toEqual([409, "NodeBeingRebooted"]);
    await waitFor(
      h.emu,
      () => h.client.computeNode.get("lin", lin[1]!),
      (n) => n.state === "idle",
      { stepMs: 5_000 },
    );
    // A reboot keeps the accounts; only a reimage or removal wipes them.
    expect((await users("lin", lin[1]!)).map((u) => u.name)).toEqual(["ops1"]);
  });

  it("answers 404 NodeNotFound and PoolNotFound for a missing node or pool", async () => {
    const node = await failure(h.client.computeNode.addUser("lin", "tvm-nope", { name: "x", password: "pw" }));
    expect([node.statusCode, node.code]).toEqual([404, "NodeNotFound"]);
    const pool = await failure(h.client.computeNode.addUser("nope", lin[0]!, { name: "x", password: "pw" }));
    expect([pool.statusCode, pool.code]).toEqual([404, "PoolNotFound"]);
  });
});

describe("computeNode.updateUser and deleteUser", () => {
  it("updates (200): the new expiry and credentials replace the old, an omitted key is removed", async () => {
    const expiry = new Date((await simNow()) + 7_200_000);
    const res = await h.client.computeNode.updateUser("lin", lin[0]!, "ops1", { password: "N3w-pass", expiryTime: expiry });
    expect(res._response.status).toBe(200);
    const ops1 = (await users("lin", lin[0]!)).find((u) => u.name === "ops1");
    expect(ops1).toEqual({ name: "ops1", isAdmin: true, expiryTime: endOfUtcDay(expiry).toISOString(), hasPassword: true, hasSshKey: false });
  });

  it("refuses an update with an expiry in the past and leaves the user as it was", async () => {
    const before = await users("lin", lin[0]!);
    const e = await failure(h.client.computeNode.updateUser("lin", lin[0]!, "ops1", { password: "x", expiryTime: new Date((await simNow()) - 1000) }));
    expect([e.statusCode, e.code]).toEqual([400, "InvalidPropertyValue"]);
    expect(await users("lin", lin[0]!)).toEqual(before);
  });

  it("deletes (200), then answers 404 NodeUserNotFound to update and delete", async () => {
    const res = await h.client.computeNode.deleteUser("lin", lin[0]!, "ops2");
    expect(res._response.status).toBe(200);
    expect((await users("lin", lin[0]!)).map((u) => u.name)).toEqual(["ops1"]);
    const again = await failure(h.client.computeNode.deleteUser("lin", lin[0]!, "ops2"));
    expect([again.statusCode, again.code]).toEqual([404, "NodeUserNotFound"]);
    const update = await failure(h.client.computeNode.updateUser("lin", lin[0]!, "ops2", { password: "x" }));
    expect([update.statusCode, update.code]).toEqual([404, "NodeUserNotFound"]);
  });
});

describe("users on Windows nodes", () => {
  it("needs a password, refuses an SSH key with 400, and treats names case-insensitively", async () => {
    const key = await failure(h.client.computeNode.addUser("classic", win, { name: "winops", password: "P@ss-w0rd", sshPublicKey: newSshPublicKey() }));
    expect([key.statusCode, key.code]).toEqual([400, "InvalidPropertyValue"]);
    expect(key.body?.values).toContainEqual({ key: "PropertyName", value: "sshPublicKey" });
    const nopass = await failure(h.client.computeNode.addUser("classic", win, { name: "winops" }));
    expect([nopass.statusCode, nopass.code]).toEqual([400, "MissingRequiredProperty"]);
    expect(nopass.body?.values).toContainEqual({ key: "PropertyName", value: "password" });

    expect((await h.client.computeNode.addUser("classic", win, { name: "WinOps", password: "P@ss-w0rd" }))._response.status).toBe(201);
    const dup = await failure(h.client.computeNode.addUser("classic", win, { name: "winops", password: "P@ss-w0rd" }));
    expect([dup.statusCode, dup.code]).toEqual([409, "NodeUserExists"]);
  });

  it("refuses an SSH key on a Windows image of a VM pool too", async () => {
    await readyPool(h, "winvm", 1, {
      virtualMachineConfiguration: {
        imageReference: { publisher: "microsoftwindowsserver", offer: "windowsserver", sku: "2022-datacenter", version: "latest" },
        nodeAgentSKUId: "batch.node.windows amd64",
      },
    });
    const [node] = await h.client.computeNode.list("winvm");
    const e = await failure(h.client.computeNode.addUser("winvm", node!.id!, { name: "winops", password: "P@ss-w0rd", sshPublicKey: newSshPublicKey() }));
    expect([e.statusCode, e.code]).toEqual([400, "InvalidPropertyValue"]);
  });

  it("loses its users when reimaged", async () => {
    await h.client.computeNode.reimage("classic", win);
    await waitFor(
      h.emu,
      () => h.client.computeNode.get("classic", win),
      (n) => n.state === "idle",
      { stepMs: 10_000 },
    );
    expect(await users("classic", win)).toEqual([]);
    expect((await h.client.computeNode.addUser("classic", win, { name: "WinOps", password: "P@ss-w0rd" }))._response.status).toBe(201);
  });
});

describe("remote access endpoints by pool kind", () => {
  it("serves the RDP file only for cloud-service nodes (200) and answers 409 for VM pools", async () => {
    const rdp = await h.client.computeNode.getRemoteDesktop("classic", win);
    expect(rdp._response.status).toBe(200);
    const chunks: Buffer[] = [];
    for await (const c of rdp.readableStreamBody ?? []) chunks.push(Buffer.from(c as Buffer));
    expect(Buffer.concat(chunks).toString()).toContain("full address:s:");
    // A stream operation: the SDK does not parse the error body, so only the status is there.
    const vm = await failure(h.client.computeNode.getRemoteDesktop("lin", lin[0]!));
    expect(vm.statusCode).toBe(409);
  });

  it("serves remote login settings only for VM pools and answers 409 OperationNotValidOnNode for cloud-service ones", async () => {
    const e = await failure(h.client.computeNode.getRemoteLoginSettings("classic", win));
    expect([e.statusCode, e.code]).toEqual([409, "OperationNotValidOnNode"]);
    const ok = await h.client.computeNode.getRemoteLoginSettings("lin", lin[0]!);
    expect(ok.remoteLoginPort).toBeGreaterThan(0);
  });
});
