import { describe, expect, it } from "vitest";
import { parseShellScript } from "./sh-parser";

describe("parseShellScript", () => {
  it("builds lists, and-or chains, pipelines and redirections", () => {
    const parsed = parseShellScript("a 1 && b || c | d 2>&1 >f; e");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [first, second] = parsed.script.lists;
    expect(first?.first.commands[0]?.words).toEqual(["a", "1"]);
    expect(first?.rest.map((s) => s.op)).toEqual(["&&", "||"]);
    expect(first?.rest[1]?.pipeline.commands.map((c) => c.words)).toEqual([["c"], ["d"]]);
    expect(first?.rest[1]?.pipeline.commands[1]?.redirects).toEqual([
      { fd: 2, op: ">&", target: "1" },
      { fd: undefined, op: ">", target: "f" },
    ]);
    expect(second?.first.commands[0]?.words).toEqual(["e"]);
  });

  it("keeps quoted digits as words and skips comments", () => {
    const parsed = parseShellScript(`echo "2">x # note\necho b`);
    expect(parsed.ok && parsed.script.lists.map((l) => l.first.commands[0]?.words)).toEqual([
      ["echo", "2"],
      ["echo", "b"],
    ]);
  });

  it("allows && at a line end", () => {
    expect(parseShellScript("true &&\n echo x").ok).toBe(true);
  });

  it("reports syntax errors", () => {
    expect(parseShellScript("; a")).toEqual({ ok: false, error: { kind: "unexpected", token: ";", line: 1 } });
    expect(parseShellScript("a |")).toEqual({ ok: false, error: { kind: "eof", line: 1 } });
    expect(parseShellScript("a\necho >")).toEqual({ ok: false, error: { kind: "unexpected", token: "\n", line: 2 } });
    expect(parseShellScript("(a)")).toMatchObject({ ok: false, error: { token: "(" } });
    expect(parseShellScript("echo 'x")).toMatchObject({ ok: false, error: { kind: "unterminated", quote: "'" } });
  });
});
