import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKS } from "@/lib/doctor/run-account";
import { freePort } from "../../support/servers";
import { accountEnv, parseReport, RUN_TIMEOUT_MS, runDoctor, startFrozenEmulator, type TestEmulator } from "./support";

describe("npm run doctor when the account cannot be read", () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startFrozenEmulator("doctorfail");
  });
  afterAll(async () => {
    await env?.emu.close();
  });

  it(
    "with a wrong key: exits non-zero, says authentication failed with Batch's code and request id, and stops there",
    async () => {
      const wrongKey = randomBytes(64).toString("base64");
      const run = await runDoctor([], accountEnv(env.emu, wrongKey));
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("  FAIL  Pools and node counts (account page)");
      expect(run.stdout).toContain("Authentication failed: Batch refused the shared key for Batch account doctorfail");
      const batchLine = /HTTP 403, AuthenticationFailed, request id ([0-9a-f-]{36}): Server failed to authenticate the request/.exec(run.stdout);
      expect(batchLine, run.stdout).not.toBeNull();
      // The remaining checks would only repeat the refusal: they are not run, and said so in one line.
      expect(run.stdout).toContain(`\n  skip  ${CHECKS.length - 1} further checks not run: authentication failed\n`);
      expect(run.stdout).toMatch(/^1 of 21 checks failed, 20 not run \([\d.]+ s\)\.$/m);
      expect(run.stdout).not.toContain(wrongKey);
      expect(run.stdout).not.toContain(env.emu.key);
      // Refused or not, it sent only reads.
      const { byRoute } = await env.stats();
      expect(Object.keys(byRoute).every((r) => r.startsWith("GET "))).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "with a closed port: exits non-zero within a minute and says the service cannot be reached",
    async () => {
      const port = await freePort(); // bound once and released: nothing listens there now
      const url = `http://127.0.0.1:${port}`;
      const run = await runDoctor(["--json"], accountEnv({ account: "doctorclosed", url }, env.emu.key));
      expect(run.elapsedMs).toBeLessThan(60_000);
      expect(run.code).toBe(1);
      const report = parseReport(run);
      // A refused connection is known at once: the doctor's own time (without loading TypeScript) stays short.
      expect(report.elapsedMs).toBeLessThan(10_000);
      const [first, ...rest] = report.accounts[0]!.checks;
      expect(first).toMatchObject({
        id: "pools",
        status: "failed",
        problem: {
          kind: "network",
          status: 0,
          summary: `The Batch service cannot be reached at ${url}: connection refused: nothing listens at that address and port.`,
        },
      });
      expect(first!.problem!.requestId).toBeUndefined();
      expect(rest.every((c) => c.status === "skipped" && c.detail === "not run: the service cannot be reached")).toBe(true);
      expect(report.accounts[0]!.apiVersions).toEqual([{ version: expect.any(String), requests: expect.any(Number) }]);
      expect(report.accounts[0]!.clockSkewMs).toBeUndefined();
      expect(report.ok).toBe(false);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "with a host name that does not resolve: says so, and finishes within a minute",
    async () => {
      const url = "https://doctor-test.invalid";
      const run = await runDoctor([], accountEnv({ account: "doctordns", url }, env.emu.key));
      expect(run.elapsedMs).toBeLessThan(60_000);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`The Batch service cannot be reached at ${url}: the host name does not resolve (DNS).`);
    },
    RUN_TIMEOUT_MS,
  );
});
