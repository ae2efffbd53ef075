import { afterEach, describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { readPublicUrl } from "@/lib/public-url";
import { hostAllowed, planListen } from "./listen";

const KEYS = [
  "BATCH_ACCOUNT_NAME",
  "BATCH_ACCOUNT_URL",
  "BATCH_ACCOUNT_KEY",
  "BATCHSCOPE_IDENTITY",
  "BATCHSCOPE_TRUSTED_PROXIES",
  "BATCHSCOPE_HOST",
  "BATCHSCOPE_PUBLIC_URL",
  "BATCHSCOPE_ALLOW_ANONYMOUS",
  "PORT",
];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of KEYS)
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
});
function setEnv(vars: Record<string, string>): void {
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, vars);
}
const REAL = {
  BATCH_ACCOUNT_NAME: "prod",
  BATCH_ACCOUNT_URL: "https://prod.westeurope.batch.azure.com",
  BATCH_ACCOUNT_KEY: Buffer.alloc(64).toString("base64"),
};

describe("planListen", () => {
  it("binds loopback with no sign-in source, says so, and answers only loopback names", () => {
    setEnv({ ...REAL });
    const plan = planListen(readEnv());
    expect(plan).toMatchObject({ host: "127.0.0.1", port: 3000, allowedHosts: "loopback" });
    expect(plan.message).toMatch(/loopback only: no sign-in is configured/);
  });

  it("refuses to serve a real account to the network with no sign-in unless told to, naming the variables", () => {
    setEnv({ ...REAL, BATCHSCOPE_HOST: "0.0.0.0" });
    expect(() => planListen(readEnv())).toThrow(/BATCHSCOPE_HOST=0\.0\.0\.0 would serve prod to the network with no sign-in.*BATCHSCOPE_ALLOW_ANONYMOUS=true/);
    setEnv({ ...REAL, BATCHSCOPE_HOST: "0.0.0.0", BATCHSCOPE_ALLOW_ANONYMOUS: "true" });
    expect(planListen(readEnv())).toMatchObject({ host: "0.0.0.0", allowedHosts: undefined });
    // The embedded emulator (no account configured) is simulated data: the network may see it.
    setEnv({ BATCHSCOPE_HOST: "0.0.0.0" });
    expect(planListen(readEnv()).host).toBe("0.0.0.0");
  });

  it("binds every interface with a sign-in source, and answers only BATCHSCOPE_PUBLIC_URL's host when set", () => {
    setEnv({ ...REAL, BATCHSCOPE_IDENTITY: "app-service", BATCHSCOPE_PUBLIC_URL: "https://Batchscope.Contoso.com", PORT: "8080" });
    expect(planListen(readEnv())).toMatchObject({ host: "0.0.0.0", port: 8080, allowedHosts: ["batchscope.contoso.com"] });
  });
});

describe("readPublicUrl", () => {
  it.each(["batchscope.contoso.com", "ftp://x.example", "https://x.example/dash", "https://x.example/?a=1", "https://u:p@x.example"])("refuses %j", (v) => {
    setEnv({ BATCHSCOPE_PUBLIC_URL: v });
    expect(() => readPublicUrl(readEnv())).toThrow(/^BATCHSCOPE_PUBLIC_URL must be/);
  });
});

describe("hostAllowed", () => {
  it("loopback: any port on localhost, 127.x and [::1]; nothing else (DNS rebinding)", () => {
    for (const h of ["localhost:3000", "127.0.0.1:3000", "127.0.0.1", "[::1]:3000", "LOCALHOST"]) expect(hostAllowed(h, "loopback"), h).toBe(true);
    for (const h of ["evil.example:3000", "127.0.0.1.nip.io:3000", "", undefined]) expect(hostAllowed(h, "loopback"), String(h)).toBe(false);
  });

  it("a public URL: exactly its host and port", () => {
    expect(hostAllowed("batchscope.contoso.com", ["batchscope.contoso.com"])).toBe(true);
    expect(hostAllowed("batchscope.contoso.com:8443", ["batchscope.contoso.com"])).toBe(false);
    expect(hostAllowed("evil.example", ["batchscope.contoso.com"])).toBe(false);
    expect(hostAllowed(undefined, undefined)).toBe(true);
  });
});
