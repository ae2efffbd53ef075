import type { ApiErrorKind } from "@/lib/schemas/api-error";
import type { PrincipalClaims } from "./token-claims";

/**
 * The doctor's findings, as data: the text and the --json output are both made from this, so a script
 * and a person read the same verdicts. No secret is ever put here (no key, no token).
 */
export type CheckStatus = "ok" | "failed" | "skipped";

/** One HTTP request the check sent to Batch, read off the wire (never its headers). */
export interface WireRequest {
  method: string;
  /** Path and query as sent, api-version included. */
  path: string;
  apiVersion?: string;
  status?: number;
  requestId?: string;
}

export interface CheckProblem {
  /** Batch's kinds (lib/schemas/api-error.ts), or no token, no answer in time, or a fault of the doctor itself. */
  kind: ApiErrorKind | "credential" | "timeout" | "internal";
  /** Batch's HTTP status; 0 when no answer came. */
  status: number;
  code?: string;
  /** Batch's own message (or the network's), untrusted text. */
  message: string;
  requestId?: string;
  /** What went wrong in plain words, for a person. */
  summary: string;
  /** The api-version Batch refused, when that is the failure. */
  rejectedApiVersion?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  ms: number;
  /** What was found (ok), or why the check did not run (skipped). */
  detail?: string;
  problem?: CheckProblem;
  requests: WireRequest[];
}

export type Identity = { kind: "sharedKey"; accountName: string } | { kind: "entra"; principal?: PrincipalClaims; note?: string };

export interface ApiVersionUse {
  version: string;
  requests: number;
  /** true: the account answered a request sent with it; false: it refused the version; undefined: no telling. */
  accepted?: boolean;
}

export interface AccountReport {
  name: string;
  batchAccountName: string;
  url: string;
  /** An emulator rather than Azure Batch. */
  simulated: boolean;
  /** The emulator the dashboard starts itself when nothing is configured. */
  embedded: boolean;
  identity: Identity;
  apiVersions: ApiVersionUse[];
  /** The service's clock minus this machine's, from the Date header; absent when Batch never answered. */
  clockSkewMs?: number;
  checks: CheckResult[];
  ok: boolean;
}

export interface DoctorReport {
  startedAt: string;
  elapsedMs: number;
  ok: boolean;
  accounts: AccountReport[];
}

/** Statuses that show the request got past Batch's check of the api-version. */
const ANSWERED = (status: number) => status < 400 || status === 404 || status === 409 || status === 412 || status === 416;

/** Each api-version that went out, how often, and whether the account took it. */
export function summariseApiVersions(checks: readonly CheckResult[]): ApiVersionUse[] {
  const uses = new Map<string, { requests: number; answered: boolean }>();
  for (const c of checks) {
    for (const r of c.requests) {
      const version = r.apiVersion ?? "(none)";
      const use = uses.get(version) ?? { requests: 0, answered: false };
      use.requests++;
      if (r.status !== undefined && ANSWERED(r.status)) use.answered = true;
      uses.set(version, use);
    }
  }
  const rejected = new Set(checks.map((c) => c.problem?.rejectedApiVersion).filter((v): v is string => v !== undefined));
  return [...uses].map(([version, u]) => ({
    version,
    requests: u.requests,
    ...(rejected.has(version) ? { accepted: false } : u.answered ? { accepted: true } : {}),
  }));
}

/** An account passes when no check failed: a check with nothing to look at (no pool, no file) is skipped, not failed. */
export const accountOk = (checks: readonly CheckResult[]) => checks.every((c) => c.status !== "failed");

export const exitCodeOf = (report: DoctorReport) => (report.ok ? 0 : 1);
