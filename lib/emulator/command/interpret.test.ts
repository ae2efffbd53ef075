import { describe, expect, it } from "vitest";
import { interpretCommandLine, PROCESS_OVERHEAD_MS, type CommandOutcome, type OutputEvent } from "./interpret";

function exited(outcome: CommandOutcome): Extract<CommandOutcome, { kind: "exited" }> {
  if (outcome.kind !== "exited") throw new Error(`expected the command to run, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function run(commandLine: string, os?: "linux" | "windows") {
  const outcome = exited(interpretCommandLine(commandLine, os));
  const text = (stream: OutputEvent["stream"]) =>
    outcome.events
      .filter((e) => e.stream === stream)
      .map((e) => e.text)
      .join("");
  return { ...outcome, stdout: text("stdout"), stderr: text("stderr") };
}

describe("shell form", () => {
  it("runs && lists and exits with the exit argument", () => {
    const r = run(`/bin/sh -c "echo hi && exit 3"`);
    expect(r).toMatchObject({ exitCode: 3, stdout: "hi\n", stderr: "" });
  });

  it("sends >&2 and 1>&2 output to stderr", () => {
    expect(run(`/bin/bash -c 'echo oops >&2; exit 1'`)).toMatchObject({ exitCode: 1, stdout: "", stderr: "oops\n" });
    expect(run(`sh -c "echo a 1>&2"`)).toMatchObject({ stdout: "", stderr: "a\n" });
  });

  it("reports unknown programs with dash's and bash's wording and exit 127", () => {
    expect(run(`/bin/sh -c "nosuch --flag"`)).toMatchObject({ exitCode: 127, stderr: "/bin/sh: 1: nosuch: not found\n" });
    expect(run(`/bin/bash -c "nosuch"`)).toMatchObject({
      exitCode: 127,
      stderr: "/bin/bash: line 1: nosuch: command not found\n",
    });
    expect(run(`bash -c ./run.sh`).stderr).toBe("bash: line 1: ./run.sh: No such file or directory\n");
  });

  it("keeps going after a missing program, as a shell does", () => {
    expect(run(`sh -c "foo; echo hi"`)).toMatchObject({ exitCode: 0, stdout: "hi\n", stderr: "sh: 1: foo: not found\n" });
  });

  it("numbers lines in multi-line scripts", () => {
    expect(run("sh -c 'echo a\nmissing'").stderr).toBe("sh: 2: missing: not found\n");
  });

  it("honours || and &&", () => {
    expect(run(`sh -c "false || echo recovered"`)).toMatchObject({ exitCode: 0, stdout: "recovered\n" });
    expect(run(`sh -c "false && echo never"`)).toMatchObject({ exitCode: 1, stdout: "" });
    expect(run(`sh -c "true || echo never; echo after"`)).toMatchObject({ exitCode: 0, stdout: "after\n" });
  });

  it("respects quotes when splitting", () => {
    expect(run(`sh -c 'echo "a && b"'`).stdout).toBe("a && b\n");
    expect(run(`sh -c "echo 'x;y' \\"q\\\\\\"q\\""`).stdout).toBe('x;y q"q\n');
  });

  it("takes the last command's status", () => {
    expect(run(`sh -c "false; true"`).exitCode).toBe(0);
    expect(run(`sh -c "true; false"`).exitCode).toBe(1);
    expect(run(`sh -c ":"`).exitCode).toBe(0);
  });

  it("wraps exit codes to a byte on linux", () => {
    expect(run(`sh -c "exit 256"`).exitCode).toBe(0);
    expect(run(`sh -c "exit 300"`).exitCode).toBe(44);
    expect(run(`bash -c "exit -1"`).exitCode).toBe(255);
  });

  it("stops at exit", () => {
    expect(run(`sh -c "exit 4; echo unreachable"`)).toMatchObject({ exitCode: 4, stdout: "" });
  });
});

describe("shell form: scripts, time and redirection", () => {
  it("supports echo -n and newlines between commands", () => {
    expect(run("bash -c 'echo -n a; echo b\necho c'").stdout).toBe("ab\nc\n");
  });

  it("advances the clock with sleep and stamps output with it", () => {
    const r = run(`/bin/sh -c "sleep 2; echo done"`);
    expect(r.events).toEqual([{ atMs: 2000, stream: "stdout", text: "done\n" }]);
    expect(r.durationMs).toBe(2000 + PROCESS_OVERHEAD_MS);
    expect(run(`sh -c "echo a; sleep 0.25; echo b >&2; sleep 1.5"`).events).toEqual([
      { atMs: 0, stream: "stdout", text: "a\n" },
      { atMs: 250, stream: "stderr", text: "b\n" },
    ]);
  });

  it("reports syntax errors without running anything", () => {
    expect(run(`sh -c 'echo a; && echo b'`)).toMatchObject({
      exitCode: 2,
      stdout: "",
      stderr: `sh: 1: Syntax error: "&&" unexpected\n`,
    });
    expect(run(`sh -c 'echo "open'`).stderr).toBe("sh: 1: Syntax error: Unterminated quoted string\n");
    expect(run(`bash -c 'echo a &&'`)).toMatchObject({ exitCode: 2, stderr: "bash: -c: line 1: syntax error: unexpected end of file\n" });
  });

  it("supports errexit and pipefail", () => {
    expect(run(`bash -ec 'false; echo no'`)).toMatchObject({ exitCode: 1, stdout: "" });
    expect(run(`bash -ec 'false || true; echo yes'`)).toMatchObject({ exitCode: 0, stdout: "yes\n" });
    expect(run(`sh -c 'set -e; false && true; echo still'`).stdout).toBe("still\n");
    expect(run(`bash -o pipefail -c 'false | true'`).exitCode).toBe(1);
    expect(run(`bash -c 'false | true'`).exitCode).toBe(0);
  });

  it("runs pipeline stages concurrently and discards piped stdout", () => {
    const r = run(`sh -c 'sleep 1 | echo right; echo hidden | sleep 2'`);
    expect(r.stdout).toBe("right\n");
    expect(r.events[0]?.atMs).toBe(0);
    expect(r.durationMs).toBe(3000 + PROCESS_OVERHEAD_MS);
  });

  it("handles redirection order and files", () => {
    expect(run(`sh -c 'echo x 2>&1 >/dev/null'`).stdout).toBe("");
    expect(run(`sh -c 'echo x >out.txt'`).events).toEqual([]);
    expect(run(`sh -c 'nosuch 2>&1'`)).toMatchObject({ stdout: "sh: 1: nosuch: not found\n", stderr: "" });
  });

  it("runs nested shells", () => {
    expect(run(`bash -c "sh -c 'echo inner; exit 7'"`)).toMatchObject({ exitCode: 7, stdout: "inner\n" });
  });

  it("handles shells without -c", () => {
    expect(run("/bin/sh").exitCode).toBe(0);
    expect(run("/bin/bash run.sh")).toMatchObject({ exitCode: 127, stderr: "/bin/bash: run.sh: No such file or directory\n" });
    expect(run("sh -c")).toMatchObject({ exitCode: 2, stderr: "sh: 0: -c requires an argument\n" });
  });
});

describe("bare form", () => {
  it("runs known programs without shell parsing", () => {
    expect(run("echo a b")).toMatchObject({ exitCode: 0, stdout: "a b\n" });
    expect(run("/bin/echo a && b").stdout).toBe("a && b\n");
    expect(run("true").exitCode).toBe(0);
    expect(run("/usr/bin/false").exitCode).toBe(1);
  });

  it("sleeps", () => {
    expect(run("sleep 5")).toMatchObject({ exitCode: 0, durationMs: 5000 + PROCESS_OVERHEAD_MS, events: [] });
    expect(run("sleep 1m 0.5").durationMs).toBe(60_500 + PROCESS_OVERHEAD_MS);
    expect(run("sleep soon")).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("invalid time interval 'soon'") });
  });

  it.each(["nosuch", "python3 train.py", "./run.sh", "missing-tool --x", "", "   "])("cannot launch %j", (commandLine) => {
    expect(interpretCommandLine(commandLine)).toEqual({
      kind: "launchFailed",
      code: "CommandProgramNotFound",
      message: "The specified command program is not found",
      details: [
        { name: "Message", value: "The system cannot find the file specified." },
        { name: "CommandLine", value: commandLine },
      ],
    });
  });
});

describe("windows", () => {
  it("runs cmd /c with cmd's echo, operators and exit", () => {
    const r = run(`cmd /c "echo hi&& exit /b 3"`, "windows");
    expect(r).toMatchObject({ exitCode: 3, stdout: "hi\r\n" });
    expect(run(`cmd.exe /c echo oops>&2`, "windows").stderr).toBe("oops\r\n");
    expect(run(`cmd /c "echo a & echo.b"`, "windows").stdout).toBe("a \r\nb\r\n");
  });

  it("reports unknown commands with errorlevel 9009", () => {
    const r = run(`cmd /c "python train.py || echo fallback"`, "windows");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("'python' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
    expect(r.stdout).toBe("fallback\r\n");
    expect(run(`cmd /c nosuch`, "windows").exitCode).toBe(9009);
  });

  it("does not wrap exit codes", () => {
    expect(run(`cmd /c exit 300`, "windows").exitCode).toBe(300);
    expect(run(`cmd /c exit -1`, "windows").exitCode).toBe(-1);
  });

  it("sleeps with timeout", () => {
    expect(run(`cmd /c "timeout /t 3 /nobreak > nul && echo ok"`, "windows")).toMatchObject({
      stdout: "ok\r\n",
      durationMs: 3000 + PROCESS_OVERHEAD_MS,
    });
  });

  it("cannot launch programs a Windows node lacks", () => {
    expect(interpretCommandLine("echo hi", "windows").kind).toBe("launchFailed");
    expect(interpretCommandLine(`/bin/sh -c "echo hi"`, "windows").kind).toBe("launchFailed");
    expect(interpretCommandLine(`cmd /c echo hi`, "linux").kind).toBe("launchFailed");
  });

  it("finds cmd by full path and case-insensitively", () => {
    expect(run(`C:\\Windows\\System32\\CMD.EXE /C echo x`, "windows").stdout).toBe("x\r\n");
  });
});
