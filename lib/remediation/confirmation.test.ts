import { describe, expect, it } from "vitest";
import { checkConfirmation, confirmationFor } from "./confirmation";

describe("confirmation", () => {
  it("reimage and remove of one node ask for its id", () => {
    for (const a of ["reimage", "remove"] as const) {
      expect(confirmationFor(a, ["tvm-1"])).toMatchObject({ required: true, expected: "tvm-1" });
      expect(checkConfirmation(a, ["tvm-1"], "tvm-1")).toBeUndefined();
      expect(checkConfirmation(a, ["tvm-1"], " tvm-1 ")).toBeUndefined();
      expect(checkConfirmation(a, ["tvm-1"], "tvm-2")).toMatch(/^confirm: .*tvm-1/);
      expect(checkConfirmation(a, ["tvm-1"], undefined)).toMatch(/^confirm:/);
    }
  });

  it("several nodes of a destructive action ask for the count", () => {
    expect(confirmationFor("remove", ["a", "b"])).toMatchObject({ required: true, expected: "2" });
    expect(checkConfirmation("remove", ["a", "b"], "2")).toBeUndefined();
    expect(checkConfirmation("remove", ["a", "b"], "a")).toMatch(/confirm: .*2/);
  });

  it("other actions ask only above three nodes", () => {
    expect(confirmationFor("reboot", ["a", "b", "c"])).toEqual({ required: false });
    expect(checkConfirmation("disableScheduling", ["a", "b", "c"], undefined)).toBeUndefined();
    expect(confirmationFor("disableScheduling", ["a", "b", "c", "d"])).toMatchObject({ required: true, expected: "4" });
    expect(checkConfirmation("enableScheduling", ["a", "b", "c", "d"], "3")).toMatch(/confirm/);
  });
});
