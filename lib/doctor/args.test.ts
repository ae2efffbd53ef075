import { describe, expect, it } from "vitest";
import { parseDoctorArgs } from "@/lib/doctor/args";

describe("parseDoctorArgs", () => {
  it("reads --json and --account in either form", () => {
    expect(parseDoctorArgs([])).toEqual({ kind: "run", json: false });
    expect(parseDoctorArgs(["--json", "--account", "prod"])).toEqual({ kind: "run", json: true, account: "prod" });
    expect(parseDoctorArgs(["--account=staging"])).toEqual({ kind: "run", json: false, account: "staging" });
  });

  it("answers help before anything else", () => {
    expect(parseDoctorArgs(["--json", "--help"])).toEqual({ kind: "help" });
    expect(parseDoctorArgs(["-h"])).toEqual({ kind: "help" });
  });

  it("names what is wrong with the arguments", () => {
    expect(parseDoctorArgs(["--account"])).toEqual({ kind: "error", message: "--account needs an account name" });
    expect(parseDoctorArgs(["--account", "--json"])).toEqual({ kind: "error", message: "--account needs an account name" });
    expect(parseDoctorArgs(["--account=a", "--account=b"])).toEqual({ kind: "error", message: "--account is given twice" });
    expect(parseDoctorArgs(["prod"])).toEqual({ kind: "error", message: "unknown argument prod (see --help)" });
  });
});
