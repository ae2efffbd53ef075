import { describe, expect, it } from "vitest";
import { checkConfirmation, confirmationFor, stillNeeded } from "./confirmation";

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

  it("says what a dialog still needs before it can send, and nothing once it has it", () => {
    const one = confirmationFor("reimage", ["tvm-1"]);
    expect(stillNeeded("", one, "")).toBe("To send: a reason (3 characters or more) and the node id typed.");
    expect(stillNeeded(" ok ", one, "TVM-1")).toBe("To send: a reason (3 characters or more).");
    expect(stillNeeded("disk full", one, "tvm-2")).toBe("To send: the node id typed.");
    expect(stillNeeded("disk full", one, " tvm-1 ")).toBeUndefined();
    expect(stillNeeded("disk full", confirmationFor("remove", ["a", "b"]), "")).toBe("To send: the number of nodes typed.");
    expect(stillNeeded("disk full", confirmationFor("reboot", ["a"]), "")).toBeUndefined();
  });
});
