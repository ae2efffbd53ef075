import { describe, it, expect } from "vitest";
import { exitCodeHex, explainExitCode, isWallClockExitCode, toSignedExitCode, WALL_CLOCK_EXIT_CODE } from "./exit-codes";

describe("explainExitCode", () => {
  it.each([
    [1, /general error/],
    [2, /usage/],
    [126, /not executable/],
    [127, /command not found/],
    [130, /signal 2 \(SIGINT\)/],
    [134, /signal 6 \(SIGABRT\).*assert/],
    [137, /signal 9 \(SIGKILL\), usually the out-of-memory killer/],
    [139, /signal 11 \(SIGSEGV\), segmentation fault/],
    [143, /signal 15 \(SIGTERM\)/],
    [255, /out of range/],
  ])("explains Unix code %i", (code, pattern) => {
    expect(explainExitCode(code)).toMatch(pattern);
  });

  it.each([
    [-1073741510, 0xc000013a, /^0xC000013A STATUS_CONTROL_C_EXIT.*maxWallClockTime/],
    [-1073741819, 0xc0000005, /0xC0000005 .*access violation/],
    [-1073741571, 0xc00000fd, /0xC00000FD .*stack overflow/],
    [-1073741795, 0xc000001d, /0xC000001D .*illegal instruction/],
    [-1073740791, 0xc0000409, /0xC0000409 .*stack buffer overrun/],
    [-1073741801, 0xc0000017, /0xC0000017 .*out of memory/],
    [-532462766, 0xe0434352, /unhandled \.NET exception/],
  ])("explains Windows code %i and its unsigned form %i alike", (signed, unsigned, pattern) => {
    expect(explainExitCode(signed)).toMatch(pattern);
    expect(explainExitCode(unsigned)).toBe(explainExitCode(signed));
  });

  it("accepts the unsigned wall-clock code as written in the brief (3221225786)", () => {
    expect(explainExitCode(3221225786)).toMatch(/maxWallClockTime/);
  });

  it("names uncatalogued signals and real-time signals by number", () => {
    expect(explainExitCode(128 + 17)).toBe("killed by signal 17");
    expect(explainExitCode(128 + 40)).toMatch(/signal 40 \(a real-time signal\)/);
  });

  it("gives unknown NTSTATUS errors a hex rendering rather than nothing", () => {
    expect(explainExitCode(-1073741700)).toMatch(/^0xC000007C, a Windows error status/);
  });

  it("leaves a program's own codes unexplained", () => {
    expect(explainExitCode(3)).toBeUndefined();
    expect(explainExitCode(42)).toBeUndefined();
    expect(explainExitCode(1000)).toBeUndefined();
    expect(explainExitCode(1.5)).toBeUndefined();
  });

  it("says exit 0 is the command line's success (a failed upload can still fail the task)", () => {
    expect(explainExitCode(0)).toMatch(/success/);
  });
});

describe("exit code forms", () => {
  it("folds unsigned 32-bit values onto the signed form and leaves others alone", () => {
    expect(toSignedExitCode(3221225786)).toBe(WALL_CLOCK_EXIT_CODE);
    expect(toSignedExitCode(0xffffffff)).toBe(-1);
    expect(toSignedExitCode(137)).toBe(137);
    expect(toSignedExitCode(-5)).toBe(-5);
    expect(toSignedExitCode(2 ** 33)).toBe(2 ** 33);
  });

  it("recognises the wall-clock code in both forms only", () => {
    expect(isWallClockExitCode(-1073741510)).toBe(true);
    expect(isWallClockExitCode(3221225786)).toBe(true);
    expect(isWallClockExitCode(137)).toBe(false);
    expect(isWallClockExitCode(undefined)).toBe(false);
  });

  it("renders hex as Windows documents it", () => {
    expect(exitCodeHex(-1073741819)).toBe("0xC0000005");
    expect(exitCodeHex(3221225477)).toBe("0xC0000005");
  });
});
