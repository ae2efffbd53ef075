import { describe, expect, it } from "vitest";
import { echoText } from "./echo";

describe("echoText", () => {
  it("joins words and ends with a newline", () => {
    expect(echoText(["a", "b"], "gnu")).toBe("a b\n");
    expect(echoText([], "dash")).toBe("\n");
  });

  it("drops the newline for -n", () => {
    expect(echoText(["-n", "a"], "gnu")).toBe("a");
    expect(echoText(["-n", "a"], "dash")).toBe("a");
  });

  it("interprets escapes only with -e in gnu, always in dash", () => {
    expect(echoText(["a\\tb"], "gnu")).toBe("a\\tb\n");
    expect(echoText(["-e", "a\\tb"], "gnu")).toBe("a\tb\n");
    expect(echoText(["a\\tb"], "dash")).toBe("a\tb\n");
    expect(echoText(["-e", "x"], "dash")).toBe("-e x\n");
  });

  it("stops at \\c", () => {
    expect(echoText(["a\\cb"], "dash")).toBe("a");
  });

  it("handles octal and hex escapes", () => {
    expect(echoText(["-e", "\\0101\\x42"], "gnu")).toBe("AB\n");
  });
});
