import { describe, expect, it } from "vitest";
import { safeFragment, safeReturnTo } from "./return-to";

describe("safeReturnTo", () => {
  it("keeps a path on this dashboard with its query and fragment", () => {
    for (const ok of ["/", "/demo", "/demo/jobs/j/tasks/t/files/stderr.txt?from=alert#L120-L125", "/demo/pools/p?sel=a%2Cb"]) {
      expect(safeReturnTo(ok), ok).toBe(ok);
    }
  });

  it("refuses anything that could leave the origin, and falls back to /", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      " /demo",
      "javascript:alert(1)",
      "evil.example",
      "demo",
      "/demo\u0000",
      "/a\\b",
      `/${"a".repeat(3000)}`,
      "",
      null,
      undefined,
    ]) {
      expect(safeReturnTo(bad), JSON.stringify(bad)).toBe("/");
    }
  });
});

describe("safeFragment", () => {
  it("keeps a line link, drops anything else", () => {
    expect(safeFragment("#L120-L140")).toBe("#L120-L140");
    expect(safeFragment("")).toBe("");
    expect(safeFragment("L1")).toBe("");
    expect(safeFragment("#a b")).toBe("");
    expect(safeFragment(`#${"x".repeat(600)}`)).toBe("");
  });
});
