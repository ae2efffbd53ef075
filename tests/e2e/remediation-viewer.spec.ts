import { expect, test, watchCsp } from "../support/browser-test";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { ACCOUNT, ACTIONS, POOL, poolNodeIds } from "../support/incident-pool";
import { stackPerFile } from "../support/stack";

// A viewer (signed in through the proxy, not in the operators' group) can act on nothing, whatever the page
// shows or a hand-made request tries; an operator's request is refused from another origin.
test.describe("a viewer", () => {
  const OPERATORS = "batch-operators";
  const env = stackPerFile(test, {
    scenario: "incident",
    seed: 1,
    account: ACCOUNT,
    env: { BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_TRUSTED_PROXIES: "127.0.0.1", BATCHSCOPE_OPERATOR_GROUPS: OPERATORS },
  });
  let nodes: string[];

  test.beforeAll(async () => {
    nodes = await poolNodeIds(env());
  });

  test.use({ extraHTTPHeaders: { "X-Forwarded-Email": "vera@example.com", "X-Forwarded-Groups": "readers,ingest-team" } });

  test("sees no enabled action button, and a forged POST is refused with 403", async ({ page }) => {
    const url = env().dashboard.url;
    const target = nodes[INCIDENT_BAD_NODES[0]]!;
    await page.goto(`${url}/${ACCOUNT}/pools/${POOL}?window=1h&sel=${target}`);
    await expect(page.getByTestId("identity")).toHaveText("Signed in as vera@example.com · viewer");
    for (const barId of ["heatmap-actions", "table-actions"]) {
      const bar = page.getByTestId(barId);
      await expect(bar.getByTestId("action-refused")).toHaveText("Operator role needed");
      for (const name of ACTIONS) await expect(bar.getByRole("button", { name, exact: true })).toBeDisabled();
    }
    await page.goto(`${url}/${ACCOUNT}/pools/${POOL}/nodes/${target}`);
    await expect(page.getByTestId("action-bar").getByRole("button")).toHaveCount(ACTIONS.length);
    for (const b of await page.getByTestId("action-bar").getByRole("button").all()) await expect(b).toBeDisabled();

    // The server enforces the role whatever the page shows: a same-origin POST crafted by hand.
    const res = await page.request.post(`${url}/api/accounts/${ACCOUNT}/pools/${POOL}/actions`, {
      headers: { Origin: url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
      data: { operationId: crypto.randomUUID(), action: "disableScheduling", option: "requeue", nodeIds: [target], reason: "forged by a viewer" },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/operator/i);
    expect((await env().client.computeNode.get(POOL, target)).schedulingState).toBe("enabled");
  });

  test("an operator's POST from another origin is refused; the same POST from the dashboard's origin is not", async ({ browser }) => {
    const url = env().dashboard.url;
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-Email": "olga@example.com", "X-Forwarded-Groups": OPERATORS } });
    try {
      const [a, b] = [nodes[3]!, nodes[4]!];
      const post = (origin: string, site: string, nodeId: string) =>
        context.request.post(`${url}/api/accounts/${ACCOUNT}/pools/${POOL}/actions`, {
          headers: { Origin: origin, "Sec-Fetch-Site": site, "Content-Type": "application/json" },
          data: { operationId: crypto.randomUUID(), action: "disableScheduling", option: "requeue", nodeIds: [nodeId], reason: "cross-origin attempt" },
        });
      const evil = await post("https://evil.example", "cross-site", a);
      expect(evil.status()).toBe(403);
      expect((await env().client.computeNode.get(POOL, a)).schedulingState).toBe("enabled");

      const same = await post(url, "same-origin", b);
      expect(same.status()).toBe(200);
      expect((await env().client.computeNode.get(POOL, b)).schedulingState).toBe("disabled");

      const page = await context.newPage();
      watchCsp(page);
      await page.goto(`${url}/${ACCOUNT}/audit`);
      await expect(page.getByTestId("identity")).toHaveText("Signed in as olga@example.com · operator");
      await expect(page.getByTestId("audit-row")).toHaveCount(1);
      await expect(page.getByTestId("audit-row")).toHaveAttribute("data-node-id", b);
    } finally {
      await context.close();
    }
  });
});
