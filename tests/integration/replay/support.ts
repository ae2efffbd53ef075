import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { loadFixture, startReplayServer, type Fixture, type ReplayServer } from "../../support/replay-server";

export { loadFixture, type Fixture };

const ENV_KEYS = [
  "BATCH_ACCOUNTS_FILE",
  "BATCH_ACCOUNT_NAME",
  "BATCH_ACCOUNT_URL",
  "BATCH_ACCOUNT_KEY",
  "BATCHSCOPE_AUDIT_DB",
  "BATCHSCOPE_LOCAL_OPERATOR",
] as const;

/** Any base64 will do: the replay server does not check signatures, but the SDK still signs with it. */
export const ANY_KEY = Buffer.from("replayed recordings need no secret").toString("base64");

export interface ReplayEnv {
  server: ReplayServer;
  /** The account name in the dashboard's URLs. */
  account: string;
}

/**
 * A replay server for the calling file, with the dashboard pointed at it as an operator points it at an
 * account (BATCH_ACCOUNT_NAME/URL/KEY, as tests/integration/routes/support.ts pointDashboardAt does). Each
 * suite gets its own account name and port, so nothing read by another suite is served from the dashboard's
 * read cache.
 */
export function replayPerSuite(account: string, fixtures: readonly string[]): ReplayEnv {
  const env = { account } as ReplayEnv;
  let saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    env.server = await startReplayServer(fixtures);
    delete process.env.BATCH_ACCOUNTS_FILE;
    process.env.BATCH_ACCOUNT_NAME = account;
    process.env.BATCH_ACCOUNT_URL = env.server.url;
    process.env.BATCH_ACCOUNT_KEY = ANY_KEY;
    // The replay server is plain http on loopback: it gets the local operator only when this says so.
    process.env.BATCHSCOPE_LOCAL_OPERATOR = "true";
    process.env.BATCHSCOPE_AUDIT_DB = join(mkdtempSync(join(tmpdir(), "batchscope-audit-")), "audit.sqlite");
  });
  afterAll(async () => {
    await env.server?.close();
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
  return env;
}

/** The recorded response body of a fixture, typed loosely for comparisons. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const recordedBody = (name: string): any => loadFixture(name).response.body;

/** A recorded header, found whatever its recorded casing. */
export function recordedHeader(name: string, header: string): string | undefined {
  const headers = loadFixture(name).response.headers;
  return Object.entries(headers).find(([k]) => k.toLowerCase() === header.toLowerCase())?.[1];
}
