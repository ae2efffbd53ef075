import { splitWindowsArgs, windowsProgramTokenEnd } from "./argv";
import { parseCmdScript } from "./cmd-parser";
import type { Io } from "./io";
import type { Invocation, Machine, Program } from "./machine";
import { createShellState, runScript, type CommandResult, type ShellState } from "./run-script";
import type { SimpleCommand } from "./script-ast";

const NOT_RECOGNIZED_STATUS = 9009;
const SYNTAX_ERROR_STATUS = 255;

// The characters cmd accepts straight after ECHO; `echo.` is the idiom for an empty line.
const ECHO_PATTERN = /^echo(?=$|[\s.:;,=(/\\+[\]])/i;

export const cmdProgram: Program = (invocation: Invocation, io: Io, machine: Machine): number => {
  const script = commandAfterSwitch(invocation.raw.slice(windowsProgramTokenEnd(invocation.raw)));
  // Without /c or /k, cmd reads its (empty) stdin and exits.
  if (script === undefined) return 0;
  const parsed = parseCmdScript(script);
  if (!parsed.ok) {
    const error = parsed.error;
    io.write(2, error.kind === "unexpected" ? `${error.token} was unexpected at this time.\r\n` : "The syntax of the command is incorrect.\r\n");
    return SYNTAX_ERROR_STATUS;
  }
  const run = (cmd: SimpleCommand, cmdIo: Io, state: ShellState): CommandResult => runCmdCommand(cmd, cmdIo, state, machine);
  return runScript(parsed.script, io, createShellState(), run);
};

/**
 * Finds the command after /c (or /k; with no console the session ends anyway) and applies cmd's
 * quote rule: a leading quote is removed along with the last quote on the line.
 */
export function commandAfterSwitch(rest: string): string | undefined {
  let i = 0;
  for (;;) {
    while (rest.charAt(i) === " " || rest.charAt(i) === "\t") i += 1;
    if (rest.charAt(i) !== "/") return undefined;
    const letter = rest.charAt(i + 1).toLowerCase();
    if (letter === "c" || letter === "k") {
      const command = rest.slice(i + 2).replace(/^[ \t]+/, "");
      if (!command.startsWith('"')) return command;
      const lastQuote = command.lastIndexOf('"');
      return lastQuote > 0 ? command.slice(1, lastQuote) + command.slice(lastQuote + 1) : command.slice(1);
    }
    while (i < rest.length && !/\s/.test(rest.charAt(i))) i += 1;
  }
}

function runCmdCommand(cmd: SimpleCommand, io: Io, state: ShellState, machine: Machine): CommandResult {
  const name = cmd.words[0];
  if (name === undefined) return { status: state.lastStatus };
  if (ECHO_PATTERN.test(cmd.text)) {
    io.write(1, echoOutput(cmd.text.slice(4)));
    return { status: 0 };
  }
  switch (name.toLowerCase()) {
    case "exit":
      return { status: exitStatus(cmd.words.slice(1), state), exit: true };
    case "rem":
      return { status: state.lastStatus };
  }
  const program = machine.resolve(name);
  if (program !== undefined) {
    return { status: program({ argv: splitWindowsArgs(cmd.text), raw: cmd.text }, io, machine) };
  }
  io.write(2, `'${name}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`);
  return { status: NOT_RECOGNIZED_STATUS };
}

function echoOutput(afterKeyword: string): string {
  const delimiter = afterKeyword.charAt(0);
  const message = afterKeyword.slice(1);
  if (delimiter === "" || /\s/.test(delimiter)) {
    const trimmed = message.trim();
    if (trimmed === "") return "ECHO is on.\r\n";
    // Switching echo mode prints nothing; with /c no commands are echoed either way.
    if (/^(on|off)$/i.test(trimmed)) return "";
  }
  return `${message}\r\n`;
}

function exitStatus(args: readonly string[], state: ShellState): number {
  const operands = args[0]?.toLowerCase() === "/b" ? args.slice(1) : args;
  const [code] = operands;
  if (code === undefined) return state.lastStatus;
  // cmd reads a leading integer and ignores the rest, like atoi; Windows exit codes are 32-bit.
  const match = /^[+-]?\d+/.exec(code);
  return match === null ? 0 : Number(match[0]) | 0;
}
