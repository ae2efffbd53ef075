import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScenarioName } from "@/lib/emulator/scenarios";
import { startEmulator, type Emulator } from "@/lib/emulator/server";
import { startDashboard, type Dashboard } from "./servers";

/**
 * What a browser test needs: an emulator on a free port, the built dashboard pointed at it through the
 * variables an operator sets, and a plain SDK client on the same emulator to read the truth the page is
 * compared with. Stopped in reverse order, each server by its own handle.
 */
export interface Stack {
  emu: Emulator;
  dashboard: Dashboard;
  client: BatchServiceClient;
  /** This dashboard's own audit log file, in a temp dir removed on stop. */
  auditDb: string;
  /** Stops the dashboard and starts a new one on the same emulator and audit file (a restart); `dashboard` is then the new one. */
  restartDashboard(): Promise<Dashboard>;
  /** Moves the emulator's simulated clock forward (control API), instead of sleeping. */
  advance(seconds: number): Promise<void>;
  /**
   * Moves the emulator's clock and waits until the dashboard has learnt it. The dashboard takes the
   * service's clock from Batch's answers (docs/architecture.md "Names") and sets a live window before its
   * read's calls, so right after a jump, with its reads in the 5 s read cache, a page would show the old
   * window until a second refresh. Batch's own clock never jumps: this stands in for the time an operator waits.
   */
  advanceAndLearn(seconds: number): Promise<void>;
  /** Changes the emulator's faults (control API), e.g. { throttleRate: 1, retryAfterSeconds: 30 }. */
  faults(patch: Record<string, number | string>): Promise<void>;
  clearFaults(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `env` adds dashboard variables (BATCHSCOPE_IDENTITY …); every dashboard gets its own BATCHSCOPE_AUDIT_DB.
 * `speed` is the emulator clock's (default 1); a tiny one nearly stops time, which `advance` then moves.
 */
export async function startStack(spec: {
  scenario: ScenarioName;
  account: string;
  seed?: number;
  speed?: number;
  env?: Record<string, string>;
  /** The dashboard's port, when something must know its address before it starts (a sign-in provider). */
  port?: number;
}): Promise<Stack> {
  const emu = await startEmulator({ scenario: spec.scenario, seed: spec.seed ?? 1, account: spec.account, ...(spec.speed ? { speed: spec.speed } : {}) });
  const auditDir = mkdtempSync(join(tmpdir(), "batchscope-audit-"));
  const auditDb = join(auditDir, "audit.sqlite");
  const dashboardEnv = {
    BATCH_ACCOUNT_NAME: emu.account,
    BATCH_ACCOUNT_URL: emu.url,
    BATCH_ACCOUNT_KEY: emu.key,
    BATCHSCOPE_AUDIT_DB: auditDb,
    // The test emulator is plain http on loopback: it gets the local operator only when this says so.
    BATCHSCOPE_LOCAL_OPERATOR: "true",
    ...spec.env,
  };
  let dashboard = await startDashboard(dashboardEnv, spec.port).catch(async (e: unknown) => {
    await emu.close();
    rmSync(auditDir, { recursive: true, force: true });
    throw e;
  });
  const client = new BatchServiceClient(new BatchSharedKeyCredentials(emu.account, emu.key), emu.url, { noRetryPolicy: true } as never);
  const control = async (method: string, body?: unknown, path = "/__emulator/faults") => {
    const res = await fetch(`${emu.url}${path}`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) throw new Error(`${path} ${method} answered ${res.status}`);
  };
  const advance = (seconds: number) => control("POST", { seconds }, "/__emulator/clock/advance");
  return {
    emu,
    get dashboard() {
      return dashboard;
    },
    client,
    auditDb,
    restartDashboard: async () => {
      await dashboard.stop();
      dashboard = await startDashboard(dashboardEnv, spec.port);
      return dashboard;
    },
    advance,
    advanceAndLearn: async (seconds) => {
      await advance(seconds);
      // Past the read cache's 5 s (lib/batch/read.ts READ_TTL_MS), then one call that reaches Batch.
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      const res = await fetch(`${dashboard.url}/api/accounts/${encodeURIComponent(emu.account)}/pools`);
      if (!res.ok) throw new Error(`the pools read after moving the clock answered ${res.status}`);
    },
    faults: (patch) => control("PUT", patch),
    clearFaults: () => control("DELETE"),
    stop: async () => {
      await dashboard.stop();
      await emu.close();
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
}

/**
 * One stack for every test of a file (or describe block): started before the first test, stopped after
 * the last. Returns a getter, since the stack exists only once beforeAll has run.
 */
export function stackPerFile(
  test: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void },
  spec: Parameters<typeof startStack>[0],
): () => Stack {
  let stack: Stack | undefined;
  test.beforeAll(async () => {
    stack = await startStack(spec);
  });
  test.afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error("the stack is only there once beforeAll has run");
    return stack;
  };
}
