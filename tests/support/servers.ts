import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

/** A free loopback port, found by binding to port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Dashboard {
  url: string;
  pid: number;
  logs(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts the built dashboard as `npm start` does (server.ts, one process) on a free loopback port (or
 * `port`, when something must know its address first, like a sign-in provider's redirect URI) with the
 * given environment and waits until it answers. Stopped by its own process id. Needs a prior `next build`.
 */
export async function startDashboard(
  env: Record<string, string> = {},
  port?: number,
  command: string[] = ["--import", "tsx", join(process.cwd(), "server.ts")],
): Promise<Dashboard> {
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, command, {
    env: { ...cleanEnv(), NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), BATCHSCOPE_HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the dashboard exited with ${child.exitCode}:\n${output}`);
    try {
      // Ready when it answers without a server error (behind a sign-in source an anonymous probe gets 401).
      const res = await fetch(`${url}/api/accounts`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the dashboard did not answer within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    logs: () => output,
    exited,
    stop: () => stopChild(child),
  };
}

/** Stops a server a test started, by its own process id: SIGTERM, then SIGKILL if it is still there after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    // Already gone (a test may SIGKILL it on purpose): signalling a dead pid would throw ESRCH.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    process.kill(child.pid!, "SIGTERM");
    setTimeout(() => child.exitCode === null && process.kill(child.pid!, "SIGKILL"), 5_000).unref();
  });
}

/** The dashboard must not inherit a developer's real account settings in tests. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("BATCH_") || key.startsWith("BATCHSCOPE_")) delete env[key];
  return env;
}
