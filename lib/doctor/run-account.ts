import "server-only";
import type { BatchAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { toApiError } from "@/lib/batch/errors";
import type { RequestPolicySettings } from "@/lib/batch/request-policy";
import { JOB_CHECKS } from "./checks-jobs";
import { POOL_CHECKS } from "./checks-pools";
import { describeProblem } from "./problem";
import type { Check, Probe } from "./probe";
import { accountOk, summariseApiVersions, type AccountReport, type CheckProblem, type CheckResult, type WireRequest } from "./report";
import type { PrincipalClaims } from "./token-claims";
import type { WireLog } from "./wire";

export const CHECKS: readonly Check[] = [...POOL_CHECKS, ...JOB_CHECKS];

/**
 * The doctor must answer within a minute even when Batch does not: one retry, short attempts, a short
 * budget per call, instead of the dashboard's (which rides out a bad minute for a page that refreshes).
 */
export const DOCTOR_POLICY: RequestPolicySettings = {
  maxRetries: 1,
  baseDelayMs: 200,
  maxDelayMs: 1_000,
  retryAfterCapMs: 2_000,
  attemptTimeoutMs: 10_000,
  streamTimeoutMs: 15_000,
  totalBudgetMs: 15_000,
};
/** A check that is still waiting after this (a token that never comes) is a failure. */
const CHECK_TIMEOUT_MS = 20_000;

class CheckTimeout extends Error {}

/** Every check of one account in order; a check that shows the account cannot be read at all stops the rest. */
export async function checkAccount(account: BatchAccount, wire: WireLog, options: { embedded: boolean; deadline: number }): Promise<AccountReport> {
  // accountClient keeps one client per account, made by its first caller: this makes it with the
  // doctor's policy, and every lib/batch read below then goes through that same client.
  const client = accountClient(account, DOCTOR_POLICY);
  const probe: Probe = { account, client, tasks: [] };
  let principal: PrincipalClaims | undefined;
  const checks: CheckResult[] = [];
  let stop: string | undefined;
  for (const check of CHECKS) {
    const title = check.title(probe);
    if (!stop && Date.now() > options.deadline) stop = "the doctor ran out of time";
    if (stop) {
      checks.push({ id: check.id, title, status: "skipped", ms: 0, detail: `not run: ${stop}`, requests: [] });
      continue;
    }
    const result = await runCheck(check, title, probe, wire, (claims) => (principal = claims));
    checks.push(result);
    if (result.problem) stop = stopReason(result.problem, checks);
  }
  return {
    name: account.name,
    batchAccountName: account.batchAccountName,
    url: account.url,
    simulated: account.isEmulator,
    embedded: options.embedded,
    identity: account.key
      ? { kind: "sharedKey", accountName: account.batchAccountName }
      : { kind: "entra", ...(principal ? { principal } : { note: "no token was obtained" }) },
    apiVersions: summariseApiVersions(checks),
    ...(client.clock.isKnown ? { clockSkewMs: Math.round(client.clock.now() - Date.now()) } : {}),
    checks,
    ok: accountOk(checks),
  };
}

async function runCheck(check: Check, title: string, probe: Probe, wire: WireLog, onPrincipal: (c: PrincipalClaims) => void): Promise<CheckResult> {
  const requests: WireRequest[] = [];
  const started = Date.now();
  const result = (status: CheckResult["status"], found: { detail: string } | { problem: CheckProblem }): CheckResult => ({
    id: check.id,
    title,
    status,
    ms: Date.now() - started,
    ...found,
    requests,
  });
  try {
    const origin = new URL(probe.account.url).origin.toLowerCase();
    const outcome = await wire.capture({ origin, requests, onPrincipal }, () => withTimeout(check.run(probe), CHECK_TIMEOUT_MS));
    return "skip" in outcome ? result("skipped", { detail: outcome.skip }) : result("ok", outcome);
  } catch (err) {
    return result("failed", { problem: problemOf(err, probe, requests.at(-1)?.apiVersion) });
  }
}

function problemOf(err: unknown, probe: Probe, sentApiVersion: string | undefined): CheckProblem {
  if (err instanceof CheckTimeout) {
    const from = probe.account.key ? probe.account.url : `${probe.account.url} or from Microsoft Entra ID`;
    const summary = `The Batch service does not answer: no answer from ${from} within ${CHECK_TIMEOUT_MS / 1000} s.`;
    return { kind: "timeout", status: 0, message: err.message, summary };
  }
  const e = err as { name?: string; body?: { values?: { key?: string; value?: string }[] } };
  return describeProblem({
    info: toApiError(err),
    ...(typeof e?.name === "string" ? { errorName: e.name } : {}),
    ...(Array.isArray(e?.body?.values) ? { values: e.body.values } : {}),
    ...(sentApiVersion ? { sentApiVersion } : {}),
    accountUrl: probe.account.url,
    credential: probe.account.key ? "sharedKey" : "entra",
    batchAccountName: probe.account.batchAccountName,
  });
}

/**
 * Whether the remaining checks can tell anything more: not when Batch cannot be reached or no token
 * comes, nor when the very first reads are refused (the credential itself is wrong). A refusal after
 * other reads worked is one permission missing, so the rest still run.
 */
function stopReason(problem: CheckProblem, checks: readonly CheckResult[]): string | undefined {
  if (problem.kind === "network") return "the service cannot be reached";
  if (problem.kind === "timeout") return "the service does not answer";
  if (problem.kind === "credential") return "no token from Microsoft Entra ID";
  const anyOk = checks.some((c) => c.status === "ok");
  if (problem.kind === "auth" && !anyOk) return "authentication failed";
  if (problem.rejectedApiVersion !== undefined && !anyOk) return `the account does not accept api-version ${problem.rejectedApiVersion}`;
  return undefined;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`The check did not finish within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
