import { describe, expect, it } from "vitest";
import { splitPosixArgs, splitWindowsArgs, windowsProgramTokenEnd } from "./argv";

describe("splitPosixArgs", () => {
  it("splits on whitespace and honours quotes and backslashes", () => {
    expect(splitPosixArgs(`  a  'b c' "d \\"e\\"" f\\ g ''`)).toEqual(["a", "b c", 'd "e"', "f g", ""]);
  });

  it("treats shell operators as plain words", () => {
    expect(splitPosixArgs("echo a && b > c")).toEqual(["echo", "a", "&&", "b", ">", "c"]);
  });
});

describe("splitWindowsArgs", () => {
  it("follows the C runtime rules", () => {
    expect(splitWindowsArgs(`prog "a b" c\\d \\"q\\" "e\\\\"`)).toEqual(["prog", "a b", "c\\d", '"q"', "e\\"]);
  });

  it("finds the end of the program token", () => {
    expect(windowsProgramTokenEnd(`"C:\\Program Files\\x.exe" /c`)).toBe(24);
    expect(windowsProgramTokenEnd("cmd /c")).toBe(3);
  });
});
