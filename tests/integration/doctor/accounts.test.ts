import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../support/servers";
import { parseReport, RUN_TIMEOUT_MS, runDoctor, startFrozenEmulator, type TestEmulator } from "./support";

let env: TestEmulator;
let accountsFile: string;
let closedUrl: string;
beforeAll(async () => {
  env = await startFrozenEmulator("doctorgood");
  closedUrl = `http://127.0.0.1:${await freePort()}`;
  accountsFile = join(mkdtempSync(join(tmpdir(), "doctor-accounts-")), "accounts.json");
  // keyEnv, as an operator would: the file holds no secret.
  writeFileSync(
    accountsFile,
    JSON.stringify({
      accounts: [
        { name: "good", batchAccountName: env.emu.account, url: env.emu.url, keyEnv: "DOCTOR_TEST_KEY" },
        { name: "gone", batchAccountName: env.emu.account, url: closedUrl, keyEnv: "DOCTOR_TEST_KEY" },
      ],
    }),
  );
});
afterAll(async () => {
  await env?.emu.close();
});

const fileEnv = () => ({ BATCH_ACCOUNTS_FILE: accountsFile, DOCTOR_TEST_KEY: env.emu.key });

describe("npm run doctor: which accounts", () => {
  it(
    "checks every account of BATCH_ACCOUNTS_FILE at once, each on its own: one unreachable fails the run, not the other account",
    async () => {
      await env.resetStats();
      const run = await runDoctor(["--json"], fileEnv());
      expect(run.code).toBe(1);
      const report = parseReport(run);
      const [good, gone] = report.accounts;
      expect(good).toMatchObject({ name: "good", url: env.emu.url, simulated: true });
      expect(good!.checks.filter((c) => c.status === "failed").map((c) => c.id)).toEqual([]);
      expect(gone).toMatchObject({ name: "gone", url: closedUrl, ok: false });
      expect(gone!.checks[0]!.problem!.summary).toContain("cannot be reached");
      // Requests are counted against the account they went to, though both ran at the same time.
      expect(good!.checks.flatMap((c) => c.requests).length).toBe((await env.stats()).total);
      expect(gone!.checks.flatMap((c) => c.requests).every((r) => r.status === undefined)).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "--account NAME checks that account only",
    async () => {
      const run = await runDoctor(["--json", "--account", "GOOD"], fileEnv());
      const report = parseReport(run);
      expect(report.accounts.map((a) => a.name)).toEqual(["good"]);
      expect(run.code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "an account that is not configured, or a bad argument, exits 2 naming it",
    async () => {
      const unknown = await runDoctor(["--account", "nope"], fileEnv());
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("No account named nope is configured; the accounts are: good, gone.");
      expect(unknown.stdout).toBe("");
      const bad = await runDoctor(["--verbose"], fileEnv());
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("doctor: unknown argument --verbose");
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "with nothing configured, checks the embedded emulator and says it is simulated",
    async () => {
      const run = await runDoctor([], {});
      expect(run.stdout).toMatch(/^Account demo at http:\/\/127\.0\.0\.1:\d+ \(simulated: the embedded emulator, as no account is configured\)$/m);
      expect(run.stdout).toContain("  identity     shared key of Batch account demo");
      expect(run.stdout).toMatch(/^  ok    Pools and node counts \(account page\) +\d+ pools/m);
      expect(run.code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
