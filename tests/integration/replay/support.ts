import { afterAll, beforeAll } from "vitest";
import { loadFixture, startReplayServer, type Fixture, type ReplayServer } from "../../support/replay-server";
import { pointDashboardAt, saveDashboardEnv, usePrivateAuditDb } from "../routes/support";

export { loadFixture, type Fixture };

/** Any base64 will do: the replay server does not check signatures, but the SDK still signs with it. */
export const ANY_KEY = Buffer.from("replayed recordings need no secret").toString("base64");

export interface ReplayEnv {
  server: ReplayServer;
  /** The account name in the dashboard's URLs. */
  account: string;
}

/**
 * A replay server for the calling file, with the dashboard pointed at it as an operator points it at an
 * account (BATCH_ACCOUNT_NAME/URL/KEY, through tests/integration/routes/support.ts). Each
 * suite gets its own account name and port, so nothing read by another suite is served from the dashboard's
 * read cache.
 */
export function replayPerSuite(account: string, fixtures: readonly string[]): ReplayEnv {
  const env = { account } as ReplayEnv;
  let restore = () => {};
  beforeAll(async () => {
    restore = saveDashboardEnv();
    env.server = await startReplayServer(fixtures);
    pointDashboardAt({ account, url: env.server.url, key: ANY_KEY });
    usePrivateAuditDb();
  });
  afterAll(async () => {
    await env.server?.close();
    restore();
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
