import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AccountConfigError, readAccountConfig, readApiVersion } from "@/lib/batch/account-config";

const KEY = Buffer.from("0123456789abcdef0123456789abcdef").toString("base64");

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "accounts-")), "accounts.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("readAccountConfig", () => {
  it("has no account when nothing is set (the embedded emulator then serves)", () => {
    expect(readAccountConfig({})).toEqual([]);
  });

  it("reads one SharedKey account from the environment", () => {
    expect(readAccountConfig({ BATCH_ACCOUNT_NAME: "prod", BATCH_ACCOUNT_URL: "https://prod.westeurope.batch.azure.com/", BATCH_ACCOUNT_KEY: KEY })).toEqual([
      { name: "prod", batchAccountName: "prod", url: "https://prod.westeurope.batch.azure.com", key: KEY },
    ]);
  });

  it("treats a missing key as Microsoft Entra ID", () => {
    const [account] = readAccountConfig({ BATCH_ACCOUNT_NAME: "prod", BATCH_ACCOUNT_URL: "https://prod.westeurope.batch.azure.com" });
    expect(account?.key).toBeUndefined();
  });

  it.each([
    [{ BATCH_ACCOUNT_URL: "https://a.batch.azure.com" }, /BATCH_ACCOUNT_NAME/],
    [{ BATCH_ACCOUNT_NAME: "prod" }, /BATCH_ACCOUNT_URL/],
    [{ BATCH_ACCOUNT_NAME: "prod", BATCH_ACCOUNT_URL: "not a url" }, /BATCH_ACCOUNT_URL/],
    [{ BATCH_ACCOUNT_NAME: "prod", BATCH_ACCOUNT_URL: "ftp://a.batch.azure.com" }, /BATCH_ACCOUNT_URL must be an https/],
    [{ BATCH_ACCOUNT_NAME: "prod", BATCH_ACCOUNT_URL: "https://a.batch.azure.com/sub" }, /no path/],
    [{ BATCH_ACCOUNT_NAME: "has space", BATCH_ACCOUNT_URL: "https://a.batch.azure.com" }, /BATCH_ACCOUNT_NAME/],
    [{ BATCH_ACCOUNT_NAME: "prod", BATCH_ACCOUNT_URL: "https://a.batch.azure.com", BATCH_ACCOUNT_KEY: "not base64!" }, /BATCH_ACCOUNT_KEY/],
  ])("names the variable that is wrong: %o", (env, message) => {
    expect(() => readAccountConfig(env)).toThrow(AccountConfigError);
    expect(() => readAccountConfig(env)).toThrow(message);
  });

  it("reads several accounts from BATCH_ACCOUNTS_FILE, a key inline or from another variable", () => {
    const path = file({
      accounts: [
        { name: "prod", url: "https://prod.westeurope.batch.azure.com", keyEnv: "PROD_KEY" },
        { name: "staging", batchAccountName: "stagingacct", url: "https://s.northeurope.batch.azure.com", key: KEY },
        { name: "entra", url: "https://e.westus.batch.azure.com" },
      ],
    });
    const accounts = readAccountConfig({ BATCH_ACCOUNTS_FILE: path, PROD_KEY: KEY });
    expect(accounts.map((a) => [a.name, a.batchAccountName, a.key !== undefined])).toEqual([
      ["prod", "prod", true],
      ["staging", "stagingacct", true],
      ["entra", "entra", false],
    ]);
  });

  it.each([
    ["{not json", /could not be read as JSON/],
    [{ accounts: [] }, /lists no accounts/],
    [
      {
        accounts: [
          { name: "a", url: "https://a.batch.azure.com" },
          { name: "A", url: "https://b.batch.azure.com" },
        ],
      },
      /accounts\[1\] \(A\): the name is used twice/,
    ],
    [{ accounts: [{ name: "a", url: "https://a.batch.azure.com", keyEnv: "NOPE_UNSET" }] }, /keyEnv names NOPE_UNSET, which is not set/],
    [{ accounts: [{ name: "a", url: "nope" }] }, /accounts\.0\.url/],
  ])("points at the entry of the file that is wrong: %s", (content, message) => {
    expect(() => readAccountConfig({ BATCH_ACCOUNTS_FILE: file(content) })).toThrow(message);
  });

  it("says when the file cannot be found", () => {
    expect(() => readAccountConfig({ BATCH_ACCOUNTS_FILE: "/nonexistent/accounts.json" })).toThrow(/BATCH_ACCOUNTS_FILE=\/nonexistent\/accounts.json/);
  });
});

describe("readAccountConfig on a malformed file", () => {
  // A malformed file is printed about at start-up: its message must not carry a key it holds.
  const SECRET = Buffer.from("k".repeat(64)).toString("base64");
  it.each([
    [
      "invalid JSON around the key",
      `{"accounts": [{"name": "a", "url": "https://a.batch.azure.com", "key": ${SECRET} }]}`,
      /could not be read as JSON: invalid JSON/,
    ],
    ["an unterminated key", `{"accounts": [\n  {"name": "a", "key": "${SECRET}`, /could not be read as JSON: invalid JSON at line 2/],
    ["text after the JSON", `{"accounts": []} ${SECRET}`, /could not be read as JSON/],
    ["a key that is not a string", { accounts: [{ name: "a", url: "https://a.batch.azure.com", key: [SECRET] }] }, /accounts\.0\.key/],
    ["a key put in keyEnv", { accounts: [{ name: "a", url: "https://a.batch.azure.com", keyEnv: SECRET }] }, /accounts\.0\.keyEnv/],
    [
      "a key with a stray character",
      { accounts: [{ name: "a", url: "https://a.batch.azure.com", key: `${SECRET}!` }] },
      /accounts\[0\] \(a\): the key is not base64/,
    ],
    ["a key in place of the url", { accounts: [{ name: "a", url: SECRET }] }, /accounts\.0\.url/],
  ])("names the file and the entry, never the content: %s", (_, content, message) => {
    const path = file(content);
    let thrown: unknown;
    try {
      readAccountConfig({ BATCH_ACCOUNTS_FILE: path });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AccountConfigError);
    const text = (thrown as Error).message;
    expect(text).toContain(`BATCH_ACCOUNTS_FILE=${path}`);
    expect(text).toMatch(message);
    expect(text).not.toContain(SECRET.slice(0, 8));
  });
});

describe("listAccounts", () => {
  it("takes only a plain-http loopback URL for an emulator; a tunnel to Batch (https) is a real account", async () => {
    const { listAccounts } = await import("@/lib/batch/accounts");
    const saved = { ...process.env };
    try {
      const cases: Array<[string, boolean]> = [
        ["http://127.0.0.1:4600", true],
        ["http://localhost:4600", true],
        ["https://localhost:8443", false],
        ["https://prod.westeurope.batch.azure.com", false],
      ];
      for (const [url, isEmulator] of cases) {
        Object.assign(process.env, { BATCH_ACCOUNT_NAME: "acct", BATCH_ACCOUNT_URL: url, BATCH_ACCOUNT_KEY: KEY });
        expect((await listAccounts())[0]?.isEmulator, url).toBe(isEmulator);
      }
    } finally {
      for (const k of ["BATCH_ACCOUNT_NAME", "BATCH_ACCOUNT_URL", "BATCH_ACCOUNT_KEY"]) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});

describe("readApiVersion", () => {
  it("defaults to 2025-06-01 and takes either version the dashboard speaks", () => {
    expect(readApiVersion({})).toBe("2025-06-01");
    expect(readApiVersion({ BATCH_API_VERSION: "  " })).toBe("2025-06-01");
    expect(readApiVersion({ BATCH_API_VERSION: "2022-10-01.16.0" })).toBe("2022-10-01.16.0");
    expect(readApiVersion({ BATCH_API_VERSION: "2025-06-01" })).toBe("2025-06-01");
  });

  it("refuses any other value, naming the variable and the versions it takes", () => {
    for (const v of ["2025-06-01.21.0", "2024-07-01.20.0", "latest"]) {
      expect(() => readApiVersion({ BATCH_API_VERSION: v })).toThrow(AccountConfigError);
      expect(() => readApiVersion({ BATCH_API_VERSION: v })).toThrow(
        `BATCH_API_VERSION=${v} is not a Batch API version this dashboard speaks; use 2025-06-01 or 2022-10-01.16.0`,
      );
    }
  });

  it("stops the server at start with that message", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "-e", 'import("./lib/server/startup/config-check.ts").then((m) => (m.checkConfigAtStartup ?? m.default.checkConfigAtStartup)())'],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "production",
          BATCH_API_VERSION: "2021-06-01.14.0",
          BATCHSCOPE_AUDIT_DB: join(mkdtempSync(join(tmpdir(), "bs-")), "a.sqlite"),
        },
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Batchscope cannot start: BATCH_API_VERSION=2021-06-01.14.0 is not a Batch API version");
  });
});
