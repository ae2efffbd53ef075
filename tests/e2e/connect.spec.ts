import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test, type Page } from "../support/browser-test";
import { newSshPublicKey } from "../support/ssh-key";
import { stackPerFile, type Stack } from "../support/stack";

const ACCOUNT = "connect";
const POOL = "debug-linux";
const LINUX_VM = {
  imageReference: { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts", version: "latest" },
  nodeAgentSKUId: "batch.node.ubuntu 22.04",
};

interface ShownUser {
  name: string;
  isAdmin: boolean;
  expiryTime: string;
  hasSshKey: boolean;
}

/** The emulator's control API: what it has on the node, and the Batch calls it received. */
async function control<T>(env: Stack, path: string): Promise<T> {
  const res = await fetch(`${env.emu.url}/__emulator${path}`);
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as T;
}
const usersOnNode = (env: Stack, nodeId: string) => control<ShownUser[]>(env, `/pools/${POOL}/nodes/${nodeId}/users`);
async function addUserCalls(env: Stack, nodeId: string): Promise<number> {
  const { byRoute } = await control<{ byRoute: Record<string, number> }>(env, "/stats");
  return byRoute[`POST /pools/${POOL}/nodes/${nodeId}/users`] ?? 0;
}

/** A Linux pool of one node, grown by moving the emulator's clock rather than waiting. */
async function linuxNode(env: Stack): Promise<string> {
  await env.client.pool.add({ id: POOL, vmSize: "STANDARD_D2S_V5", virtualMachineConfiguration: LINUX_VM, targetDedicatedNodes: 1 });
  for (let i = 0; i < 60; i++) {
    const nodes = await env.client.computeNode.list(POOL);
    if (nodes.length === 1 && nodes[0]!.state === "idle") return nodes[0]!.id!;
    await env.advance(30);
  }
  throw new Error("the node did not become idle");
}

/** Every byte of the dashboard's audit log: the SQLite file and its write-ahead log. */
function auditBytes(env: Stack): string {
  const dir = dirname(env.auditDb);
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString("latin1"))
    .join("\n");
}

/** Step: a pasted private key and a cut key are refused as typed; a valid key, with a reason and a ticket, creates the user. */
async function typeKeyAndCreateUser(page: Page, env: Stack, nodeId: string, key: string): Promise<void> {
  const url = env.dashboard.url;
  await page.goto(`${url}/${ACCOUNT}/pools/${POOL}/nodes/${nodeId}`);
  await expect(page.getByTestId("identity")).toHaveText("Local operator — no sign-in configured");
  // Batch keeps a Linux user to the end of its expiry day: the panel says so in one sentence.
  await expect(page.getByTestId("linux-expiry-note")).toHaveText(/keeps the user until the end of its expiry day \(UTC\) unless it is removed/);
  await page.getByRole("button", { name: "Connect…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Connect to node ${nodeId}` })).toBeVisible();

  // A pasted private key, then a cut one: refused as typed, in plain words, and nothing can be sent.
  const keyBox = dialog.getByLabel("SSH public key");
  await keyBox.fill("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\n-----END OPENSSH PRIVATE KEY-----");
  await expect(dialog.getByTestId("key-check")).toHaveText(/This is a private key/);
  await expect(dialog.getByTestId("connect-submit")).toBeDisabled();
  await keyBox.fill(key.slice(0, 40));
  await expect(dialog.getByTestId("key-check")).toHaveText(/cut when copying/);
  await expect(dialog.getByTestId("connect-submit")).toBeDisabled();

  await keyBox.fill(key);
  await expect(dialog.getByTestId("key-check")).toHaveText("A valid ssh-ed25519 public key.");
  await expect(dialog.getByLabel("Expires after")).toHaveValue("1");
  await dialog.getByLabel("Reason (optional)").fill("start task fails, need the node's view");
  await dialog.getByLabel("Ticket reference (optional)").fill("INC-4711");
  expect(await addUserCalls(env, nodeId)).toBe(0);
  await dialog.getByTestId("connect-submit").click();

  await expect(page.getByTestId("connect-result")).toBeVisible();
  await expect(dialog).toBeHidden();
}

/** Step: the user Batch has on the node, the exact ssh command (copied as shown) and the user's row. Returns the user's name. */
async function checkUserAndSshCommand(page: Page, env: Stack, nodeId: string): Promise<string> {
  const result = page.getByTestId("connect-result");
  // The truth: the user Batch has on the node, and the address and port the SDK reads.
  const [user] = await usersOnNode(env, nodeId);
  expect(user).toMatchObject({ isAdmin: false, hasSshKey: true });
  const userName = user!.name;
  const login = await env.client.computeNode.getRemoteLoginSettings(POOL, nodeId);
  const command = `ssh -p ${login.remoteLoginPort} ${userName}@${login.remoteLoginIPAddress}`;
  await expect(result.getByTestId("connect-command")).toHaveText(command);
  await result.getByTestId("copy-command").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
  expect(await addUserCalls(env, nodeId)).toBe(1);

  const row = page.getByTestId("node-user");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-user", userName);
  await expect(row).toHaveAttribute("data-status", "active");
  return userName;
}

/** Step: the audit record of the new user; the key reached Batch and nothing else: not the audit file, not the server's output. */
async function checkAddRecordAndNoKeyKept(page: Page, env: Stack, nodeId: string, userName: string, blob: string): Promise<void> {
  await page.goto(`${env.dashboard.url}/${ACCOUNT}/audit`);
  const record = page.getByTestId("audit-row").filter({ hasText: userName });
  await expect(record).toHaveCount(1);
  await expect(record).toHaveAttribute("data-node-id", nodeId);
  await expect(record).toContainText(`Add node user ${userName}`);
  await expect(record).toContainText("INC-4711");
  await expect(record).toContainText("accepted");

  expect(auditBytes(env)).toContain(userName);
  expect(auditBytes(env)).not.toContain(blob);
  expect(env.dashboard.logs()).not.toContain(blob);
}

test.describe.serial("an operator connects to a node with an SSH key", () => {
  const env = stackPerFile(test, { scenario: "empty", seed: 1, account: ACCOUNT });
  let nodeId: string;
  const key = newSshPublicKey("oncall@laptop");
  const blob = key.split(" ")[1]!;
  let userName = "";

  test.beforeAll(async () => {
    nodeId = await linuxNode(env());
  });

  test("checks the key as it is typed, creates the user, shows the exact ssh command and finds the audit record", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env().dashboard.url });
    await typeKeyAndCreateUser(page, env(), nodeId, key);
    userName = await checkUserAndSshCommand(page, env(), nodeId);
    await checkAddRecordAndNoKeyKept(page, env(), nodeId, userName, blob);
  });

  test("removes the user from the node page, and the removal is recorded", async ({ page }) => {
    const url = env().dashboard.url;
    await page.goto(`${url}/${ACCOUNT}/pools/${POOL}/nodes/${nodeId}`);
    const row = page.getByTestId("node-user").filter({ hasText: userName });
    await row.getByRole("button", { name: `Remove user ${userName}` }).click();
    await expect(row).toHaveAttribute("data-status", "removed");
    expect(await usersOnNode(env(), nodeId)).toEqual([]);

    await page.goto(`${url}/${ACCOUNT}/audit`);
    await expect(page.getByTestId("audit-row").filter({ hasText: `Delete node user ${userName}` })).toContainText("accepted");
  });

  test("an invalid key or expiry sent by hand gets a clear 400 and creates nothing", async ({ page }) => {
    const url = env().dashboard.url;
    const before = await addUserCalls(env(), nodeId);
    const post = (data: unknown) =>
      page.request.post(`${url}/api/accounts/${ACCOUNT}/pools/${POOL}/nodes/${nodeId}/users`, {
        headers: { Origin: url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
        data,
      });
    for (const [data, message] of [
      [{ sshPublicKey: newSshPublicKey(), expiryHours: 48 }, /expiryHours: must be at most 24 hours/],
      [{ sshPublicKey: newSshPublicKey(), expiryHours: 0 }, /expiryHours: must be at least 1 hour/],
      [{ sshPublicKey: "ssh-ed25519 AAAA", expiryHours: 1 }, /sshPublicKey: .*cut when copying/],
    ] as const) {
      const res = await post(data);
      expect(res.status()).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await addUserCalls(env(), nodeId)).toBe(before);
    expect(await usersOnNode(env(), nodeId)).toEqual([]);
  });
});

test.describe("a viewer", () => {
  const env = stackPerFile(test, {
    scenario: "empty",
    seed: 1,
    account: ACCOUNT,
    env: { BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_TRUSTED_PROXIES: "127.0.0.1", BATCHSCOPE_OPERATOR_GROUPS: "batch-operators" },
  });
  let nodeId: string;

  test.beforeAll(async () => {
    nodeId = await linuxNode(env());
  });

  test.use({ extraHTTPHeaders: { "X-Forwarded-Email": "vera@example.com", "X-Forwarded-Groups": "readers" } });

  test("sees no Connect button, and a forged request is refused with 403 and creates nothing", async ({ page }) => {
    const url = env().dashboard.url;
    await page.goto(`${url}/${ACCOUNT}/pools/${POOL}/nodes/${nodeId}`);
    await expect(page.getByTestId("identity")).toHaveAttribute("data-role", "viewer");
    await expect(page.getByTestId("identity")).toContainText("Signed in as vera@example.com · viewer");
    await expect(page.getByRole("heading", { name: `Node ${nodeId}` })).toBeVisible();
    await expect(page.getByTestId("action-bar")).toBeVisible();
    await expect(page.getByRole("button", { name: /Connect/ })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Connect" })).toHaveCount(0);

    const res = await page.request.post(`${url}/api/accounts/${ACCOUNT}/pools/${POOL}/nodes/${nodeId}/users`, {
      headers: { Origin: url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
      data: { sshPublicKey: newSshPublicKey(), expiryHours: 1 },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/operator/i);
    expect(await addUserCalls(env(), nodeId)).toBe(0);
    expect(await usersOnNode(env(), nodeId)).toEqual([]);
  });
});
