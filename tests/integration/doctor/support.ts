import { spawn } from "node:child_process";
import { startEmulator, type Emulator } from "@/lib/emulator/server";
import type { DoctorReport } from "@/lib/doctor/report";

/**
 * `npm run doctor` as a user runs it: the real command in a child process, against a real emulator on a
 * loopback port, with only the environment given here (never a developer's own BATCH_* settings).
 */
export interface DoctorRun {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Past this the child is killed (by its own pid) and the test fails on the exit code. */
const RUN_LIMIT_MS = 90_000;
/**
 * A run takes a few seconds, most of it loading TypeScript; on a machine shared with other test runs it
 * can take several times that, so a test waits for the child's own limit.
 */
export const RUN_TIMEOUT_MS = RUN_LIMIT_MS + 5_000;

export function runDoctor(args: string[], env: Record<string, string>): Promise<DoctorRun> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(clean)) if (k.startsWith("BATCH_") || k.startsWith("BATCHSCOPE_")) delete clean[k];
  const started = Date.now();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/doctor.ts", ...args], {
    cwd: process.cwd(),
    env: { ...clean, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const limit = setTimeout(() => child.pid && process.kill(child.pid, "SIGKILL"), RUN_LIMIT_MS);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

export const accountEnv = (emu: { account: string; url: string }, key: string) => ({
  BATCH_ACCOUNT_NAME: emu.account,
  BATCH_ACCOUNT_URL: emu.url,
  BATCH_ACCOUNT_KEY: key,
});

export function parseReport(run: DoctorRun): DoctorReport {
  try {
    return JSON.parse(run.stdout) as DoctorReport;
  } catch {
    throw new Error(`doctor --json printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** Simulated time nearly stopped: the scenario's live workload does not change the account during a run. */
export interface TestEmulator {
  emu: Emulator;
  /** This machine's time when the emulator's clock started; simulated time has (nearly) stood still since. */
  startedAt: number;
  /** Batch requests received since the last reset (GET /__emulator/stats). */
  stats(): Promise<{ total: number; byRoute: Record<string, number> }>;
  resetStats(): Promise<void>;
}

export async function startFrozenEmulator(account: string): Promise<TestEmulator> {
  const startedAt = Date.now();
  const emu = await startEmulator({ scenario: "demo", seed: 1, speed: 1e-6, account });
  const resetStats = async () => void (await fetch(`${emu.url}/__emulator/stats/reset`, { method: "POST" }));
  await resetStats();
  return {
    emu,
    startedAt,
    resetStats,
    stats: async () => (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { total: number; byRoute: Record<string, number> },
  };
}
