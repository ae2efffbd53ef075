import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
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
  /** Changes the emulator's faults (control API), e.g. { throttleRate: 1, retryAfterSeconds: 30 }. */
  faults(patch: Record<string, number | string>): Promise<void>;
  clearFaults(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(spec: { scenario: ScenarioName; account: string; seed?: number }): Promise<Stack> {
  const emu = await startEmulator({ scenario: spec.scenario, seed: spec.seed ?? 1, account: spec.account });
  const dashboard = await startDashboard({ BATCH_ACCOUNT_NAME: emu.account, BATCH_ACCOUNT_URL: emu.url, BATCH_ACCOUNT_KEY: emu.key }).catch(async (e: unknown) => {
    await emu.close();
    throw e;
  });
  const client = new BatchServiceClient(new BatchSharedKeyCredentials(emu.account, emu.key), emu.url, { noRetryPolicy: true } as never);
  const control = async (method: string, body?: unknown) => {
    const res = await fetch(`${emu.url}/__emulator/faults`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) throw new Error(`faults ${method} answered ${res.status}`);
  };
  return {
    emu,
    dashboard,
    client,
    faults: (patch) => control("PUT", patch),
    clearFaults: () => control("DELETE"),
    stop: async () => {
      await dashboard.stop();
      await emu.close();
    },
  };
}

/**
 * One stack for every test of a file (or describe block): started before the first test, stopped after
 * the last. Returns a getter, since the stack exists only once beforeAll has run.
 */
export function stackPerFile(test: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }, spec: Parameters<typeof startStack>[0]): () => Stack {
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
