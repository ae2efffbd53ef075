import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { freePort } from "./servers";

export interface EmulatorProcess {
  url: string;
  account: string;
  key: string;
  stop(): Promise<void>;
}

/**
 * The emulator in a process of its own (`npm run emulator`), for tests that time the dashboard's event
 * loop: in-process, the emulator generating a 4 MiB log range (hundreds of milliseconds of CPU) would
 * block the very loop being measured, which a real Batch account never does.
 */
export async function startEmulatorProcess(opts: { scenario: string; account: string; speed?: number }): Promise<EmulatorProcess> {
  const port = await freePort();
  const key = randomBytes(32).toString("base64");
  const args = ["--import", "tsx", join(process.cwd(), "lib/emulator/main.ts"), "--port", String(port), "--scenario", opts.scenario];
  args.push("--account", opts.account, "--key", key, "--speed", String(opts.speed ?? 1e-6));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      process.kill(child.pid!, "SIGTERM");
      setTimeout(() => child.exitCode === null && process.kill(child.pid!, "SIGKILL"), 5_000).unref();
    });
  const deadline = Date.now() + 30_000;
  while (!/listening on/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the emulator did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, account: opts.account, key, stop };
}
