import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startDashboard, type Dashboard } from "../support/servers";
import { expect, test } from "../support/browser-test";

// The headers every answer carries (proxy.ts), seen as a browser sees them: a page's scripts run only with
// this request's nonce, nothing may frame it, and data answers can run nothing at all.
let dashboard: Dashboard;
test.beforeAll(async () => {
  dashboard = await startDashboard();
});
test.afterAll(async () => {
  await dashboard?.stop();
});

test("a page carries a nonce policy, no unsafe-inline or unsafe-eval for scripts, and the app works under it", async ({ page }) => {
  const response = await page.goto(`${dashboard.url}/demo`);
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Hydrated: a client-side control works (the pools table sorts).
  await expect(page.getByRole("heading", { name: /demo/i }).first()).toBeVisible();
  const again = await page.request.get(`${dashboard.url}/demo`);
  expect(again.headers()["content-security-policy"]).not.toBe(policy);
});

test("API answers and static assets carry the headers too, and an API answer may run nothing", async ({ request }) => {
  const api = await request.get(`${dashboard.url}/api/accounts`);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  const html = await (await request.get(`${dashboard.url}/demo`)).text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const js = await request.get(`${dashboard.url}${asset}`);
  expect(js.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a page of another site cannot frame the dashboard, and an injected inline handler does not run", async ({ browser }) => {
  let evil: Server | undefined;
  const page = await browser.newPage();
  try {
    evil = createServer((_req, res) => res.end(`<iframe id="f" src="${dashboard.url}/demo"></iframe>`));
    await new Promise<void>((r) => evil!.listen(0, "127.0.0.1", r));
    const messages: string[] = [];
    page.on("console", (m) => messages.push(m.text()));
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await expect.poll(() => messages.some((m) => /frame-ancestors/.test(m))).toBe(true);
    expect(
      await page
        .frames()[1]
        ?.locator("body")
        .textContent()
        .catch(() => ""),
    ).not.toContain("Batchscope");

    await page.goto(`${dashboard.url}/demo`);
    // What an HTML injection would try: an inline event handler. It is refused (and logged, as the fixture would see).
    const ran = await page.evaluate(() => {
      const button = document.createElement("button");
      button.setAttribute("onclick", "window.__injected = true");
      document.body.append(button);
      button.click();
      return (window as { __injected?: boolean }).__injected ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => messages.some((m) => /Content Security Policy/.test(m) && /inline event handler/.test(m))).toBe(true);
  } finally {
    await page.close();
    await new Promise((r) => evil?.close(r));
  }
});
