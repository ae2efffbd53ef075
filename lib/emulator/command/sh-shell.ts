import { echoText } from "./echo";
import type { Io } from "./io";
import type { Invocation, Machine, Program } from "./machine";
import { createShellState, runScript, type CommandResult, type ShellState } from "./run-script";
import type { ScriptSyntaxError, SimpleCommand } from "./script-ast";
import { parseShellScript } from "./sh-parser";

/** "dash" is what /bin/sh is on Ubuntu/Debian Batch images; its messages differ from bash's. */
export type ShellFlavor = "dash" | "bash";

interface ShellOptions {
  script: string | undefined;
  scriptFile: string | undefined;
  missingCommandArg: boolean;
  errexit: boolean;
  pipefail: boolean;
}

export function createShellProgram(flavor: ShellFlavor): Program {
  return (invocation, io, machine) => runShell(flavor, invocation, io, machine);
}

function runShell(flavor: ShellFlavor, invocation: Invocation, io: Io, machine: Machine): number {
  const argv0 = invocation.argv[0] ?? "sh";
  const options = parseShellOptions(invocation.argv.slice(1));
  if (options.missingCommandArg) {
    io.write(2, flavor === "bash" ? `${argv0}: -c: option requires an argument\n` : `${argv0}: 0: -c requires an argument\n`);
    return 2;
  }
  if (options.scriptFile !== undefined) {
    // The emulated node has no files a task could run as a script.
    if (flavor === "bash") {
      io.write(2, `${argv0}: ${options.scriptFile}: No such file or directory\n`);
      return 127;
    }
    io.write(2, `${argv0}: 0: cannot open ${options.scriptFile}: No such file\n`);
    return 2;
  }
  // Batch gives tasks an empty stdin, so a shell without -c has nothing to run.
  if (options.script === undefined) return 0;

  const parsed = parseShellScript(options.script);
  if (!parsed.ok) {
    io.write(2, formatSyntaxError(flavor, argv0, parsed.error, options.script));
    return 2;
  }
  const state = createShellState();
  state.errexit = options.errexit;
  state.pipefail = options.pipefail;
  const run = (cmd: SimpleCommand, cmdIo: Io, cmdState: ShellState): CommandResult => runShellCommand(flavor, argv0, cmd, cmdIo, cmdState, machine);
  return runScript(parsed.script, io, state, run);
}

function parseShellOptions(args: readonly string[]): ShellOptions {
  const options: ShellOptions = {
    script: undefined,
    scriptFile: undefined,
    missingCommandArg: false,
    errexit: false,
    pipefail: false,
  };
  let commandMode = false;
  let index = 0;
  while (index < args.length) {
    const arg = args[index] ?? "";
    index += 1;
    if (arg === "--" || arg === "-") break;
    if (arg.startsWith("--")) continue; // --login, --norc, --noprofile: no effect here
    if (!/^[-+][a-zA-Z]+$/.test(arg)) {
      index -= 1;
      break;
    }
    const enable = arg.startsWith("-");
    for (const flag of arg.slice(1)) {
      if (flag === "c") commandMode = true;
      else if (flag === "e") options.errexit = enable;
      else if (flag === "o") {
        const name = args[index];
        index += 1;
        if (name === "errexit") options.errexit = enable;
        if (name === "pipefail") options.pipefail = enable;
      }
    }
  }
  const operand = args[index];
  if (commandMode) {
    if (operand === undefined) options.missingCommandArg = true;
    options.script = operand;
  } else {
    options.scriptFile = operand;
  }
  return options;
}

function runShellCommand(flavor: ShellFlavor, argv0: string, cmd: SimpleCommand, io: Io, state: ShellState, machine: Machine): CommandResult {
  const [name, ...args] = cmd.words;
  if (name === undefined) return { status: 0 };
  switch (name) {
    case "echo":
      io.write(1, echoText(args, flavor === "dash" ? "dash" : "gnu"));
      return { status: 0 };
    case "true":
    case ":":
      return { status: 0 };
    case "false":
      return { status: 1 };
    case "exit":
      return exitBuiltin(flavor, argv0, cmd.line, args, io, state);
    case "set":
      setBuiltin(args, state);
      return { status: 0 };
  }
  const program = machine.resolve(name);
  if (program !== undefined) return { status: program({ argv: cmd.words, raw: cmd.text }, io, machine) };
  io.write(2, notFoundMessage(flavor, argv0, cmd.line, name));
  return { status: 127 };
}

function notFoundMessage(flavor: ShellFlavor, argv0: string, line: number, name: string): string {
  if (flavor === "dash") return `${argv0}: ${line}: ${name}: not found\n`;
  // bash only searches PATH for bare names; a path is opened directly.
  const reason = name.includes("/") ? "No such file or directory" : "command not found";
  return `${argv0}: line ${line}: ${name}: ${reason}\n`;
}

function exitBuiltin(flavor: ShellFlavor, argv0: string, line: number, args: readonly string[], io: Io, state: ShellState): CommandResult {
  const [arg] = args;
  if (arg === undefined) return { status: state.lastStatus, exit: true };
  const valid = flavor === "dash" ? /^\+?\d+$/.test(arg) : /^[+-]?\d+$/.test(arg);
  if (!valid) {
    io.write(2, flavor === "dash" ? `${argv0}: ${line}: exit: Illegal number: ${arg}\n` : `${argv0}: line ${line}: exit: ${arg}: numeric argument required\n`);
    return { status: 2, exit: true };
  }
  if (flavor === "bash" && args.length > 1) {
    io.write(2, `${argv0}: line ${line}: exit: too many arguments\n`);
    return { status: 1 };
  }
  // An exit status is one byte on Linux, so the shell's argument wraps.
  return { status: ((Number(arg) % 256) + 256) % 256, exit: true };
}

function setBuiltin(args: readonly string[], state: ShellState): void {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (!/^[-+][a-zA-Z]+$/.test(arg)) continue;
    const enable = arg.startsWith("-");
    for (const flag of arg.slice(1)) {
      if (flag === "e") state.errexit = enable;
      if (flag === "o") {
        index += 1;
        const name = args[index];
        if (name === "errexit") state.errexit = enable;
        if (name === "pipefail") state.pipefail = enable;
      }
    }
  }
}

function formatSyntaxError(flavor: ShellFlavor, argv0: string, error: ScriptSyntaxError, script: string): string {
  if (flavor === "dash") {
    const prefix = `${argv0}: ${error.line}: Syntax error:`;
    if (error.kind === "unterminated") return `${prefix} Unterminated quoted string\n`;
    if (error.kind === "eof") return `${prefix} end of file unexpected\n`;
    return error.token === "\n" ? `${prefix} newline unexpected\n` : `${prefix} "${error.token}" unexpected\n`;
  }
  const prefix = `${argv0}: -c: line ${error.line}:`;
  if (error.kind === "unterminated") return `${prefix} unexpected EOF while looking for matching \`${error.quote}'\n`;
  if (error.kind === "eof") return `${prefix} syntax error: unexpected end of file\n`;
  const token = error.token === "\n" ? "newline" : error.token;
  const sourceLine = script.split("\n")[error.line - 1] ?? "";
  return `${prefix} syntax error near unexpected token \`${token}'\n${prefix} \`${sourceLine}'\n`;
}
