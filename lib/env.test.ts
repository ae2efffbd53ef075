import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "@/lib/emulator/scenarios";
import { DEFAULT_AUDIT_DB, describeDatabaseUrl, EMBEDDED_SCENARIOS, EnvError, readEnv, secretFromEnv } from "./env";

describe("readEnv", () => {
  it("gives the documented defaults when nothing is set, and counts a blank value as unset", () => {
    for (const source of [{}, { BATCHSCOPE_AUDIT_DB: "  ", BATCHSCOPE_EMULATOR_SCENARIO: "", BATCHSCOPE_EMULATOR_SEED: " ", BATCHSCOPE_EMULATOR_SPEED: "" }]) {
      expect(readEnv(source)).toMatchObject({
        BATCHSCOPE_AUDIT_DB: resolve(DEFAULT_AUDIT_DB),
        BATCHSCOPE_EMULATOR_SCENARIO: "demo",
        BATCHSCOPE_EMULATOR_SEED: 1,
        BATCHSCOPE_EMULATOR_SPEED: 1,
      });
    }
  });

  it("parses what is set: numbers as numbers, the audit path resolved, account variables kept as given", () => {
    const env = readEnv({
      BATCHSCOPE_AUDIT_DB: " /tmp/x/audit.sqlite ",
      BATCHSCOPE_EMULATOR_SCENARIO: "incident",
      BATCHSCOPE_EMULATOR_SEED: "42",
      BATCHSCOPE_EMULATOR_SPEED: "0.5",
      BATCH_ACCOUNT_KEY: "",
      BATCH_ACCOUNT_NAME: "prod",
    });
    expect(env).toMatchObject({
      BATCHSCOPE_AUDIT_DB: "/tmp/x/audit.sqlite",
      BATCHSCOPE_EMULATOR_SCENARIO: "incident",
      BATCHSCOPE_EMULATOR_SEED: 42,
      BATCHSCOPE_EMULATOR_SPEED: 0.5,
    });
    // An empty key is a mistake lib/batch/account-config.ts reports; it must reach it as given.
    expect(env.BATCH_ACCOUNT_KEY).toBe("");
    expect(env.BATCH_ACCOUNT_NAME).toBe("prod");
  });

  it("refuses a bad value with an EnvError naming the variable and what it must hold", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ BATCHSCOPE_EMULATOR_SCENARIO: "chaos" }, /BATCHSCOPE_EMULATOR_SCENARIO=chaos must be one of empty, demo, incident, scale/],
      [{ BATCHSCOPE_EMULATOR_SEED: "1.5" }, /BATCHSCOPE_EMULATOR_SEED=1.5 must be a whole number/],
      [{ BATCHSCOPE_EMULATOR_SEED: "seven" }, /BATCHSCOPE_EMULATOR_SEED=seven must be a whole number/],
      [{ BATCHSCOPE_EMULATOR_SPEED: "-2" }, /BATCHSCOPE_EMULATOR_SPEED=-2 must be a positive number/],
      [{ BATCHSCOPE_SNAPSHOT_RETENTION_DAYS: "-1" }, /BATCHSCOPE_SNAPSHOT_RETENTION_DAYS=-1 must be 0 \(keep\) or more days/],
      [{ BATCHSCOPE_SNAPSHOT_RETENTION_DAYS: "a week" }, /BATCHSCOPE_SNAPSHOT_RETENTION_DAYS=a week must be a whole number of days/],
    ];
    for (const [source, message] of cases) {
      expect(() => readEnv(source)).toThrow(EnvError);
      expect(() => readEnv(source)).toThrow(message);
    }
  });

  it("is the configuration error of the one error hierarchy (a named 500, never a stack trace)", () => {
    try {
      readEnv({ BATCHSCOPE_EMULATOR_SPEED: "fast" });
      expect.unreachable();
    } catch (e) {
      expect((e as EnvError).info).toMatchObject({ kind: "server", status: 500, code: "ConfigurationError" });
    }
  });

  it("keeps snapshots by default (retention 0) and reads a number of days", () => {
    expect(readEnv({}).BATCHSCOPE_SNAPSHOT_RETENTION_DAYS).toBe(0);
    expect(readEnv({ BATCHSCOPE_SNAPSHOT_RETENTION_DAYS: "90" }).BATCHSCOPE_SNAPSHOT_RETENTION_DAYS).toBe(90);
  });

  it("reads again when a variable changes, as tests change them between cases", () => {
    const source: Record<string, string> = { BATCHSCOPE_AUDIT_DB: "/tmp/a.sqlite" };
    expect(readEnv(source).BATCHSCOPE_AUDIT_DB).toBe("/tmp/a.sqlite");
    source.BATCHSCOPE_AUDIT_DB = "/tmp/b.sqlite";
    expect(readEnv(source).BATCHSCOPE_AUDIT_DB).toBe("/tmp/b.sqlite");
  });

  it("knows the emulator's scenarios", () => {
    expect([...EMBEDDED_SCENARIOS]).toEqual([...SCENARIOS]);
  });
});

describe("BATCHSCOPE_DATABASE_URL", () => {
  it("is unset by default (the SQLite file), takes a postgres:// URL, and refuses anything else without quoting it", () => {
    expect(readEnv({}).BATCHSCOPE_DATABASE_URL).toBeUndefined();
    expect(readEnv({ BATCHSCOPE_DATABASE_URL: " " }).BATCHSCOPE_DATABASE_URL).toBeUndefined();
    const url = "postgresql://bs:s3cret-pass@db.example.com:5432/batchscope";
    expect(readEnv({ BATCHSCOPE_DATABASE_URL: url }).BATCHSCOPE_DATABASE_URL).toBe(url);
    for (const bad of ["mysql://bs:s3cret-pass@db/x", "postgres://", "db.example.com s3cret-pass"]) {
      let message = "";
      try {
        readEnv({ BATCHSCOPE_DATABASE_URL: bad });
      } catch (e) {
        expect(e).toBeInstanceOf(EnvError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/BATCHSCOPE_DATABASE_URL=.*must be a postgres:\/\/ or postgresql:\/\/ URL/);
      expect(message).not.toContain("s3cret-pass");
    }
  });

  it("is named for messages without its password", () => {
    expect(describeDatabaseUrl("postgres://bs:s3cret-pass@db.example.com:5432/batchscope")).toBe("postgres://bs@db.example.com:5432/batchscope");
    expect(describeDatabaseUrl("postgres://db.example.com/batchscope")).toBe("postgres://db.example.com/batchscope");
  });
});

describe("secretFromEnv", () => {
  it("reads the variable an accounts file names for a key", () => {
    expect(secretFromEnv("PROD_KEY", { PROD_KEY: "c2VjcmV0" })).toBe("c2VjcmV0");
    expect(secretFromEnv("PROD_KEY", {})).toBeUndefined();
  });
});
