import { spawn } from "node:child_process";
import { join } from "node:path";
import { freePort, stopChild } from "./servers";

export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  pid: number;
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts the local OpenID provider (./oidc-provider-main.ts) as a child process on a free loopback port,
 * registered for a dashboard at `dashboardUrl`, and waits until it serves its discovery document. Stopped
 * by its own process id.
 */
export async function startOidcProvider(dashboardUrl: string): Promise<OidcProvider> {
  const port = await freePort();
  const clientId = "batchscope-test";
  const clientSecret = `secret-${crypto.randomUUID()}`;
  const child = spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "tests", "support", "oidc-provider-main.ts")], {
    env: { ...process.env, OIDC_PORT: String(port), OIDC_DASHBOARD_URL: dashboardUrl, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const issuer = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the OpenID provider exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(child.pid!, "SIGKILL");
      throw new Error(`the OpenID provider did not answer within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    issuer,
    clientId,
    clientSecret,
    pid: child.pid!,
    logs: () => output,
    stop: () => stopChild(child),
  };
}
