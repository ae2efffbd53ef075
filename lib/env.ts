// No "server-only" marker: start-up code (instrumentation.ts, scripts/doctor.ts) reads it outside the React
// server layer. The browser never imports it (ESLint): nothing here may reach a page.
import { resolve } from "node:path";
import { z } from "zod";
import { UnavailableError } from "@/lib/errors/api-error";

/** The embedded emulator's scenarios; lib/env.test.ts checks this list against the emulator's own. */
export const EMBEDDED_SCENARIOS = ["empty", "demo", "incident", "scale"] as const;

/** Where the audit file lives unless BATCHSCOPE_AUDIT_DB says otherwise; data/ is gitignored. */
export const DEFAULT_AUDIT_DB = "./data/audit.sqlite";

/** Set but blank counts as unset, as it always has for these variables. */
const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const raw = z.string().optional();
/** An on/off setting: "true" or "false" (any case), unset meaning false. */
const flag = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
    z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
  );

/**
 * Every environment variable the server reads, and what it must hold. The account and identity variables
 * are kept as given here: their structure (a URL, a base64 key, header names, an accounts file) is checked
 * by lib/batch/account-config.ts and lib/identity/config.ts, which name the variable in every message and
 * run at start-up (lib/server/startup/config-check.ts). The names and meanings are a contract with the
 * people who deploy the dashboard (docs/architecture.md "Environment"): they never change.
 */
const envSchema = z.object({
  BATCH_ACCOUNTS_FILE: raw,
  BATCH_ACCOUNT_NAME: raw,
  BATCH_ACCOUNT_URL: raw,
  BATCH_ACCOUNT_KEY: raw,
  BATCH_API_VERSION: raw,
  BATCHSCOPE_AUDIT_DB: z.preprocess(blankIsUnset, z.string().trim().default(DEFAULT_AUDIT_DB)).transform((p) => resolve(p)),
  /**
   * postgres://user:password@host:port/database: the store (audit log, snapshots, work cache) in PostgreSQL,
   * for several replicas; unset keeps the SQLite file BATCHSCOPE_AUDIT_DB. Never printed with its password.
   */
  BATCHSCOPE_DATABASE_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .refine((v) => {
        try {
          const u = new URL(v);
          return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "";
        } catch {
          return false;
        }
      }, "must be a postgres:// or postgresql:// URL with a host, e.g. postgres://batchscope@db.example.com:5432/batchscope")
      .optional(),
  ),
  /** Days a snapshot is kept (docs/snapshots.md); unset or 0: kept until deleted. */
  BATCHSCOPE_SNAPSHOT_RETENTION_DAYS: z.preprocess(
    blankIsUnset,
    z.coerce.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(0, "must be 0 (keep) or more days").default(0),
  ),
  /** Megabytes the store keeps of re-readable work (line indexes, completed tasks), least recently used first out. */
  BATCHSCOPE_CACHE_MAX_MB: z.preprocess(
    blankIsUnset,
    z.coerce.number({ error: "must be a number of megabytes" }).min(0, "must be 0 (keep none) or more megabytes").default(256),
  ),
  BATCHSCOPE_IDENTITY: raw,
  BATCHSCOPE_IDENTITY_USER_HEADER: raw,
  BATCHSCOPE_IDENTITY_GROUPS_HEADER: raw,
  BATCHSCOPE_OPERATOR_GROUPS: raw,
  BATCHSCOPE_TRUSTED_PROXIES: raw,
  /** "true": an emulator at a plain-http loopback address gets the local operator when no identity source is set. */
  BATCHSCOPE_LOCAL_OPERATOR: flag(),
  /** "true": serve a real account beyond loopback with no sign-in (read-only for everyone). */
  BATCHSCOPE_ALLOW_ANONYMOUS: flag(),
  /** The address the server listens on; default loopback without an identity source, every interface with one. */
  BATCHSCOPE_HOST: raw,
  /** The address users open, e.g. https://batchscope.contoso.com: the one Host answered, and the sign-in redirect's base. */
  BATCHSCOPE_PUBLIC_URL: raw,
  /** A bearer token that may read /metrics from anywhere; unset, only a loopback peer may (docs/architecture.md "Observability"). */
  // Not checked for length here: a message about a bad value quotes its start, and this one is a secret.
  BATCHSCOPE_METRICS_TOKEN: z.preprocess(blankIsUnset, z.string().optional()),
  /** The log's level: fatal, error, warn, info (default), debug, trace or silent. */
  BATCHSCOPE_LOG_LEVEL: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be fatal, error, warn, info, debug, trace or silent" })
      .default("info"),
  ),
  PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535, "must be a port number").default(3000)),
  BATCHSCOPE_OIDC_ISSUER: raw,
  BATCHSCOPE_OIDC_CLIENT_ID: raw,
  BATCHSCOPE_OIDC_CLIENT_SECRET: raw,
  BATCHSCOPE_SESSION_SECRET: raw,
  BATCHSCOPE_EMULATOR_SCENARIO: z.preprocess(
    blankIsUnset,
    z.enum(EMBEDDED_SCENARIOS, { error: `must be one of ${EMBEDDED_SCENARIOS.join(", ")}` }).default("demo"),
  ),
  BATCHSCOPE_EMULATOR_SEED: z.preprocess(blankIsUnset, z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").default(1)),
  BATCHSCOPE_EMULATOR_SPEED: z.preprocess(blankIsUnset, z.coerce.number({ error: "must be a number" }).positive("must be a positive number").default(1)),
  /** Set by Next.js: "nodejs" or "edge" in the server, unset in scripts and tests. */
  NEXT_RUNTIME: raw,
});

export type ServerEnv = z.infer<typeof envSchema>;
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof ServerEnv)[];

/** A variable holds what it must not: the message names it, and the server does not start. */
export class EnvError extends UnavailableError {
  override name = "EnvError";
  constructor(message: string) {
    super("ConfigurationError", message);
  }
}

type Source = Readonly<Record<string, string | undefined>>;
let cached: { signature: string; env: ServerEnv } | undefined;

/**
 * The server's environment, validated. Read again only when a variable changes (tests change them
 * between cases), so a call per request costs a string join.
 */
export function readEnv(source: Source = process.env): ServerEnv {
  const signature = ENV_VARIABLES.map((k) => source[k] ?? "\u0001").join("\0");
  if (cached?.signature === signature) return cached.env;
  const parsed = envSchema.safeParse(Object.fromEntries(ENV_VARIABLES.map((k) => [k, source[k]])));
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}=${shownValue(String(i.path[0]), source)} ${i.message}`).join("; "));
  }
  cached = { signature, env: parsed.data };
  return parsed.data;
}

/** The store's address for messages and logs: user, host, port and database, never the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.host}${u.pathname}`;
  } catch {
    return "postgres://(unparsable address)";
  }
}

/** A bad value as the error message quotes it: the database URL may hold a password, so it is never quoted. */
function shownValue(name: string, source: Source): string {
  if (name === "BATCHSCOPE_DATABASE_URL") return "(not shown: it may hold a password)";
  return String(source[name] ?? "").slice(0, 40);
}

/**
 * A secret an accounts file names by variable (its `keyEnv`), so the file itself holds none. The only
 * read of a variable whose name is not fixed in advance.
 */
export function secretFromEnv(name: string, source: Source = process.env): string | undefined {
  return source[name];
}
