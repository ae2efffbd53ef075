import "server-only";
import type { AbortSignalLike } from "@azure/ms-rest-js";
import { listAccounts, type BatchAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { batchServiceError } from "@/lib/batch/errors";
import { pingStore } from "@/lib/audit/ping";
import { identityConfig, requestUser } from "@/lib/identity/resolve";
import { logError } from "@/lib/observability/logger";
import type { ServiceHealth } from "@/lib/schemas/service-health";
import { FOREIGN_HOST_HEADER } from "@/lib/server/startup/listen";

/** A probe of Batch or the store that takes longer than this is a failed one: the platform's probe has its own timeout. */
const CHECK_TIMEOUT_MS = 3_000;
/** Batch is asked at most this often, however often the platform (or anyone) probes. */
const BATCH_PROBE_TTL_MS = 10_000;

type BatchProbe = { account: string; ok: boolean; ms: number; reason?: string };

const state = globalThis as typeof globalThis & { __batchscopeHealthProbe?: { at: number; result: Promise<BatchProbe[]> } };

function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
  return Promise.race([
    work(controller.signal),
    new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)))),
  ]).finally(() => clearTimeout(timer));
}

async function timed(
  work: (signal: AbortSignal) => Promise<unknown>,
  reasonOf: (err: unknown) => string,
): Promise<{ ok: boolean; ms: number; reason?: string }> {
  const started = Date.now();
  try {
    await withTimeout(work);
    return { ok: true, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, ms: Date.now() - started, reason: reasonOf(err) };
  }
}

/** The cheapest read there is: one pool id. Its reason names the error's kind and Batch's code, never the URL. */
async function probeAccount(account: BatchAccount): Promise<BatchProbe> {
  const { client } = accountClient(account);
  const result = await timed(
    (signal) => client.pool.list({ poolListOptions: { maxResults: 1, select: "id" }, abortSignal: signal as unknown as AbortSignalLike }),
    (err) => {
      if (err instanceof Error && err.message.startsWith("no answer")) return err.message;
      const info = batchServiceError(err).info;
      return info.code ? `${info.kind}: ${info.code}` : info.kind;
    },
  );
  return { account: account.name, ...result };
}

/** Batch's answer per account, probed at most every BATCH_PROBE_TTL_MS and shared by every caller meanwhile. */
function batchProbes(accounts: BatchAccount[]): { at: number; result: Promise<BatchProbe[]> } {
  const kept = state.__batchscopeHealthProbe;
  if (kept && Date.now() - kept.at < BATCH_PROBE_TTL_MS) return kept;
  const fresh = { at: Date.now(), result: Promise.all(accounts.map(probeAccount)) };
  state.__batchscopeHealthProbe = fresh;
  return fresh;
}

/** Whether this caller may see account names: signed in, or no sign-in configured (then the server is reachable only as its operator chose). */
async function mayReadAccounts(headers: Headers): Promise<boolean> {
  if (headers.has(FOREIGN_HOST_HEADER)) return false;
  const config = identityConfig();
  return !config || (await requestUser(headers, config)) !== undefined;
}

/**
 * The health answer (lib/schemas/service-health.ts). The reasons a caller reads are fixed phrases; what
 * went wrong in detail (a path, the store's error) goes to the server's log only.
 */
export async function serviceHealth(headers: Headers): Promise<ServiceHealth> {
  let accounts: BatchAccount[] = [];
  const configuration = await timed(
    async () => {
      accounts = await listAccounts();
    },
    (err) => {
      logError(`health: the configuration cannot be read: ${(err as Error)?.message ?? err}`, { check: "configuration" });
      return "the configuration cannot be read (the server's log says why)";
    },
  );
  const store = await timed(
    () => pingStore(),
    (err) => {
      logError(`health: the store does not answer: ${(err as Error)?.message ?? err}`, { check: "store" });
      return "the store does not answer (the server's log says why)";
    },
  );
  const probes = batchProbes(accounts);
  const detail = await probes.result;
  const batch = {
    accounts: detail.length,
    reachable: detail.filter((p) => p.ok).length,
    checkedSecondsAgo: Math.round((Date.now() - probes.at) / 1000),
    ...((await mayReadAccounts(headers)) ? { detail } : {}),
  };
  return { status: configuration.ok && store.ok ? "ok" : "unavailable", checks: { configuration, store }, batch };
}
