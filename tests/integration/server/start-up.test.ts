import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm start` (server.ts) with a mistake in the settings that decide who may reach it: the process stops
 * before it listens, with a message naming the variable. No build is needed: the plan is made before
 * Next.js loads.
 */
function start(env: Record<string, string>) {
  const clean: NodeJS.ProcessEnv = { ...process.env, PORT: "1", ...env };
  for (const k of Object.keys(process.env)) if (k.startsWith("BATCH_") || k.startsWith("BATCHSCOPE_")) delete clean[k];
  Object.assign(clean, env);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(process.cwd(), "server.ts")], {
    env: clean,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("server.ts start-up", () => {
  it.each([
    [{ BATCHSCOPE_IDENTITY: "oauth2-proxy" }, /BATCHSCOPE_TRUSTED_PROXIES must list the sign-in proxy's addresses/],
    [
      {
        BATCHSCOPE_IDENTITY: "headers",
        BATCHSCOPE_IDENTITY_USER_HEADER: "X-User",
        BATCHSCOPE_IDENTITY_GROUPS_HEADER: "X-Groups",
        BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.0/40",
      },
      /BATCHSCOPE_TRUSTED_PROXIES holds "10\.0\.0\.0\/40"/,
    ],
    [{ BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_TRUSTED_PROXIES: "proxy.internal" }, /BATCHSCOPE_TRUSTED_PROXIES holds "proxy\.internal"/],
    [
      { BATCH_ACCOUNT_NAME: "prod", BATCH_ACCOUNT_URL: "https://prod.westeurope.batch.azure.com", BATCHSCOPE_HOST: "0.0.0.0" },
      /BATCHSCOPE_HOST=0\.0\.0\.0 would serve prod to the network with no sign-in/,
    ],
    [{ BATCHSCOPE_PUBLIC_URL: "batchscope.contoso.com" }, /BATCHSCOPE_PUBLIC_URL must be an absolute URL/],
  ])("stops with a message naming the variable: %o", (env, says) => {
    const { status, output } = start(env);
    expect(status).toBe(1);
    expect(output).toMatch(/Batchscope cannot start: /);
    expect(output).toMatch(says);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
