import { expect, test, watchCsp, type Page } from "../support/browser-test";
import { OIDC_OPERATOR_GROUP } from "../support/oidc-accounts";
import { startOidcProvider, type OidcProvider } from "../support/oidc-provider";
import { freePort } from "../support/servers";
import { startStack, type Stack } from "../support/stack";

/**
 * The built-in sign-in (BATCHSCOPE_IDENTITY=oidc) against a local OpenID provider started here as its own
 * process: a deep link survives the round trip (query and #L… fragment), the operator may act and the
 * viewer may not, nothing is read without a session, sign-out ends both sessions, and a return address
 * to another site is refused.
 */
let provider: OidcProvider;
let stack: Stack;
let url: string;

test.beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider(url);
  stack = await startStack({
    scenario: "demo",
    account: "demo",
    port,
    env: {
      BATCHSCOPE_IDENTITY: "oidc",
      BATCHSCOPE_OIDC_ISSUER: provider.issuer,
      BATCHSCOPE_OIDC_CLIENT_ID: provider.clientId,
      BATCHSCOPE_OIDC_CLIENT_SECRET: provider.clientSecret,
      BATCHSCOPE_PUBLIC_URL: url,
      BATCHSCOPE_SESSION_SECRET: `test-session-secret-${crypto.randomUUID()}`,
      BATCHSCOPE_OPERATOR_GROUPS: OIDC_OPERATOR_GROUP,
    },
  }).catch(async (e: unknown) => {
    await provider.stop();
    throw e;
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await provider?.stop();
});

/** The provider's development login form: any password. */
async function signInAs(page: Page, login: string) {
  await expect(page.locator("input[name=login]")).toBeVisible();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

const LOG_LINK = () => `${url}/demo/jobs/render-frames/tasks/frame-encode-all/files/stderr.txt?from=alert#L120-L125`;

test("a deep link opened signed out comes back whole (path, query, #L… lines) after signing in", async ({ page }) => {
  await page.goto(LOG_LINK());
  await signInAs(page, "olga");
  await expect(page).toHaveURL(LOG_LINK());
  const selected = page.getByTestId("log-lines").locator("[data-selected]");
  await expect(selected).toHaveCount(6);
  await expect(selected.first()).toHaveAttribute("data-line", "120");
  await expect(page.getByTestId("identity")).toHaveText("Signed in as olga@example.com · operator");

  // The session: HttpOnly, SameSite=Lax, encrypted (the name is not readable in it), at most 8 hours.
  const cookies = await page.context().cookies(url);
  const session = cookies.find((c) => c.name === "batchscope-session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  expect(session!.value).not.toContain("olga");
  expect(session!.value.split(".")).toHaveLength(5);
  expect(session!.expires * 1000 - Date.now()).toBeLessThanOrEqual(8 * 3600 * 1000 + 60_000);
  expect(
    cookies.find((c) => c.name === "batchscope-login"),
    "the login transaction is cleared at the callback",
  ).toBeUndefined();
});

async function firstIdleNode(): Promise<string> {
  const nodes = await stack.client.computeNode.list("etl-pool");
  const node = nodes.find((n) => n.state === "idle" || n.state === "running");
  if (!node) throw new Error("etl-pool has no idle or running node");
  return node.id!;
}

test("an operator sees actions enabled; a viewer sees them refused, and the server refuses the viewer's POST", async ({ page, browser }) => {
  const nodeId = await firstIdleNode();
  const nodePage = `${url}/demo/pools/etl-pool/nodes/${nodeId}`;
  await page.goto(nodePage);
  await signInAs(page, "olga");
  await expect(page).toHaveURL(nodePage);
  await expect(page.getByTestId("identity")).toHaveText("Signed in as olga@example.com · operator");
  await expect(page.getByTestId("action-bar").getByRole("button", { name: "Reboot", exact: true })).toBeEnabled();

  const viewer = await browser.newContext();
  try {
    const vpage = await viewer.newPage();
    watchCsp(vpage);
    await vpage.goto(nodePage);
    await signInAs(vpage, "vera");
    await expect(vpage.getByTestId("identity")).toHaveText("Signed in as vera@example.com · viewer");
    await expect(vpage.getByTestId("action-bar").getByRole("button")).not.toHaveCount(0);
    for (const b of await vpage.getByTestId("action-bar").getByRole("button").all()) await expect(b).toBeDisabled();
    const res = await vpage.request.post(`${url}/api/accounts/demo/pools/etl-pool/actions`, {
      headers: { Origin: url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
      data: { operationId: crypto.randomUUID(), action: "disableScheduling", option: "requeue", nodeIds: [nodeId], reason: "a viewer tries" },
    });
    expect(res.status()).toBe(403);
    expect((await stack.client.computeNode.get("etl-pool", nodeId)).schedulingState).toBe("enabled");
  } finally {
    await viewer.close();
  }
});

test("without a session the API answers 401 with the one error body, and reads nothing", async ({ request }) => {
  for (const path of ["/api/accounts", "/api/accounts/demo/me", "/api/accounts/demo/jobs/render-frames/tasks/frame-encode-all/files/stderr.txt"]) {
    const res = await request.get(`${url}${path}`, { maxRedirects: 0 });
    expect(res.status(), path).toBe(401);
    expect(await res.json(), path).toEqual({ error: { kind: "auth", status: 401, code: "NotSignedIn", message: expect.stringMatching(/Not signed in/) } });
  }
  // A forged session cookie is no session.
  const forged = await request.get(`${url}/api/accounts/demo/me`, { headers: { Cookie: "batchscope-session=eyJhbGciOiJkaXIi.x.y.z.w" } });
  expect(forged.status()).toBe(401);
  // A page sends the browser to sign in, with the path and query to come back to.
  const pageRes = await request.get(`${url}/demo/jobs?x=1`, { maxRedirects: 0 });
  expect(pageRes.status()).toBe(307);
  // (Next.js makes a redirect to its own host relative.)
  expect(new URL(pageRes.headers().location!, url).href).toBe(`${url}/auth/signin?returnTo=%2Fdemo%2Fjobs%3Fx%3D1`);
});

test("sign-out clears the session and ends the provider's; the next page sends to sign in again", async ({ page }) => {
  await page.goto(`${url}/demo`);
  await signInAs(page, "olga");
  await expect(page.getByTestId("identity")).toHaveText("Signed in as olga@example.com · operator");
  await page.getByRole("button", { name: "Sign out" }).click();
  // The provider asks whether to end its session too (no id token is kept to skip the question).
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${url}/auth/signed-out`);
  await expect(page.getByRole("heading", { name: "Signed out" })).toBeVisible();
  expect((await page.context().cookies(url)).find((c) => c.name === "batchscope-session")).toBeUndefined();
  const me = await page.request.get(`${url}/api/accounts/demo/me`);
  expect(me.status()).toBe(401);
  await page.goto(`${url}/demo`);
  // The provider's session is gone too: it asks for the login again.
  await expect(page.locator("input[name=login]")).toBeVisible();
});

test("sign-out is refused from another site", async ({ request }) => {
  const res = await request.post(`${url}/auth/signout`, { headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
});

test("a return address to another site is refused: signing in lands on the dashboard's home", async ({ page }) => {
  const backHome: string[] = [];
  page.on("response", (res) => {
    if (res.url().startsWith(`${url}/auth/callback`)) backHome.push(res.headers().location ?? "");
  });
  // The home page sends a one-account dashboard on to that account.
  const home = new RegExp(`^${url.replace(/[.]/g, "\\.")}/(demo)?$`);
  await page.goto(`${url}/auth/login?returnTo=${encodeURIComponent("https://evil.example/")}`);
  await signInAs(page, "olga");
  await expect(page).toHaveURL(home);
  await page.context().clearCookies();
  await page.goto(`${url}/auth/signin?returnTo=${encodeURIComponent("//evil.example")}`);
  await signInAs(page, "olga");
  await expect(page).toHaveURL(home);
  expect(backHome).toEqual([`${url}/`, `${url}/`]);
});
