import { describe, expect, it } from "vitest";
import { commandAfterSwitch } from "./cmd-shell";
import { parseCmdScript } from "./cmd-parser";

describe("parseCmdScript", () => {
  it("splits on & && || | outside quotes and keeps raw text", () => {
    const parsed = parseCmdScript(`echo "a & b" & x && y || z | w`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.script.lists).toHaveLength(2);
    expect(parsed.script.lists[0]?.first.commands[0]?.text).toBe(`echo "a & b" `);
    expect(parsed.script.lists[1]?.rest.map((s) => s.op)).toEqual(["&&", "||"]);
    expect(parsed.script.lists[1]?.rest[1]?.pipeline.commands.map((c) => c.words[0])).toEqual(["z", "w"]);
  });

  it("cuts redirections out of the text and honours ^", () => {
    const parsed = parseCmdScript(`@echo 1^&2 2>nul 1>&2`);
    expect(parsed.ok && parsed.script.lists[0]?.first.commands[0]).toMatchObject({
      text: "echo 1&2  ",
      redirects: [
        { fd: 2, op: ">", target: "nul" },
        { fd: 1, op: ">&", target: "2" },
      ],
    });
  });

  it("reports a missing command", () => {
    expect(parseCmdScript("& echo")).toEqual({ ok: false, error: { kind: "unexpected", token: "&", line: 1 } });
    expect(parseCmdScript("echo a &&")).toMatchObject({ ok: false, error: { kind: "eof" } });
    expect(parseCmdScript("echo a &").ok).toBe(true);
  });
});

describe("commandAfterSwitch", () => {
  it("takes the rest after /c and strips the outer quotes", () => {
    expect(commandAfterSwitch(` /c "echo "x" y"`)).toBe(`echo "x" y`);
    expect(commandAfterSwitch(` /s /C echo a`)).toBe("echo a");
    expect(commandAfterSwitch(` /c"exit 2"`)).toBe("exit 2");
    expect(commandAfterSwitch(` /q`)).toBeUndefined();
  });
});
