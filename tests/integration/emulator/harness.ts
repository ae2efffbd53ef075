import { BatchServiceClient, BatchSharedKeyCredentials, type BatchServiceModels } from "@azure/batch";
import { startEmulator, type Emulator, type EmulatorOptions } from "@/lib/emulator/server";

/**
 * Shared set-up for the emulator integration tests: a real emulator on a loopback port and the real
 * @azure/batch client talking to it. Retries are off because the SDK's 5xx back-off waits 30 s or more.
 */
export interface Harness {
  emu: Emulator;
  client: BatchServiceClient;
  /** Calls the unsigned control API under /__emulator and returns the parsed JSON body. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ scenario: "empty", seed: 1, speed: 1, ...options });
  const client = newClient(emu, emu.key);
  const control = async (method: string, path: string, body?: unknown) => {
    const isRaw = typeof body === "string" || body instanceof Uint8Array;
    const res = await fetch(`${emu.url}/__emulator${path}`, {
      method,
      ...(body === undefined ? {} : { body: isRaw ? (body as string) : JSON.stringify(body) }),
      headers: isRaw ? { "content-type": "application/octet-stream" } : { "content-type": "application/json" },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path} -> ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return { emu, client, control, close: () => emu.close() };
}

export function newClient(emu: Emulator, key: string): BatchServiceClient {
  return new BatchServiceClient(new BatchSharedKeyCredentials(emu.account, key), emu.url, { noRetryPolicy: true });
}

export interface WaitOptions {
  /** Simulated milliseconds to advance between reads. */
  stepMs?: number;
  /** Give up after this much simulated time. */
  maxMs?: number;
}

/**
 * Reads through the SDK until `done` holds, advancing simulated time by `stepMs` between reads. Throws
 * with the last value read when `maxMs` of simulated time passes without success.
 */
export async function waitFor<T>(emu: Emulator, read: () => Promise<T>, done: (value: T) => boolean, options: WaitOptions = {}): Promise<T> {
  const step = options.stepMs ?? 5_000;
  const max = options.maxMs ?? 10 * 60_000;
  let waited = 0;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (waited >= max) throw new Error(`waitFor gave up after ${waited} simulated ms; last value: ${JSON.stringify(value)}`);
    emu.advance(step);
    waited += step;
  }
}

/** What a rejected SDK call carries: status, Batch code and the parsed error body. */
export interface SdkError {
  statusCode?: number;
  code?: string;
  body?: { code?: string; message?: { lang?: string; value?: string }; values?: { key: string; value: string }[] };
  response?: { headers: { get(name: string): string | undefined } };
}

/** Runs an SDK call that must fail and returns the error for assertions. */
export async function failure(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error("expected the SDK call to fail, but it succeeded");
}

/** Reads a file response stream (file.getFrom*) into one buffer. */
export async function readBody(response: { readableStreamBody?: NodeJS.ReadableStream }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export const LINUX_VM: BatchServiceModels.VirtualMachineConfiguration = {
  imageReference: { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts", version: "latest" },
  nodeAgentSKUId: "batch.node.ubuntu 22.04",
};

/** Adds a pool and waits until it is steady with every node idle. */
export async function readyPool(
  h: Harness,
  id: string,
  nodes: number,
  extra: Partial<BatchServiceModels.PoolAddParameter> = {},
): Promise<BatchServiceModels.ComputeNode[]> {
  await h.client.pool.add({ id, vmSize: "STANDARD_D2S_V5", virtualMachineConfiguration: LINUX_VM, targetDedicatedNodes: nodes, ...extra });
  await waitFor(
    h.emu,
    () => h.client.pool.get(id),
    (p) => p.allocationState === "steady",
    { stepMs: 5_000 },
  );
  return waitFor(
    h.emu,
    () => h.client.computeNode.list(id),
    (list) => list.length === nodes && list.every((n) => n.state === "idle" || n.state === "offline"),
    { stepMs: 5_000 },
  );
}

/** Adds a job on a pool. */
export async function addJob(h: Harness, id: string, poolId: string, extra: Partial<BatchServiceModels.JobAddParameter> = {}): Promise<void> {
  await h.client.job.add({ id, poolInfo: { poolId }, ...extra });
}

/** Waits until a task is completed and returns it. */
export function taskCompleted(h: Harness, jobId: string, taskId: string, options: WaitOptions = {}): Promise<BatchServiceModels.CloudTask> {
  return waitFor(
    h.emu,
    () => h.client.task.get(jobId, taskId),
    (t) => t.state === "completed",
    options,
  );
}

/** The same SAS shapes the storage model parses (signatures are not verified, only present). */
export const READ_SAS = "sv=2022-11-02&sp=r&se=2030-01-01T00%3A00%3A00Z&sig=abc";
export const WRITE_SAS = "sv=2022-11-02&sp=rwc&se=2030-01-01T00%3A00%3A00Z&sig=abc";
