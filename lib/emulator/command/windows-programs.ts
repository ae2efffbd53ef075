import { cmdProgram } from "./cmd-shell";
import { sleepFor } from "./io";
import type { Program } from "./machine";

const timeoutProgram: Program = ({ argv }, io) => {
  const args = argv.slice(1);
  const noBreak = args.some((a) => a.toLowerCase() === "/nobreak");
  const flagIndex = args.findIndex((a) => a.toLowerCase() === "/t");
  const value = flagIndex >= 0 ? args[flagIndex + 1] : args.find((a) => !a.startsWith("/"));
  const seconds = value !== undefined && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= -1 && seconds <= 99999)) {
    io.write(2, "ERROR: Invalid value for timeout (/T) specified. Valid range is -1 to 99999.\r\n");
    return 1;
  }
  const wait = Math.max(seconds, 0);
  io.write(1, `\r\nWaiting for ${wait} seconds, press ${noBreak ? "CTRL+C to quit" : "a key to continue"} ...`);
  sleepFor(io, wait * 1000);
  io.write(1, "\r\n");
  return 0;
};

const PROGRAMS: Record<string, Program> = {
  cmd: cmdProgram,
  timeout: timeoutProgram,
};

/** Windows resolves case-insensitively and the .exe extension is optional. */
export function resolveWindowsProgram(name: string): Program | undefined {
  const base = (name.split(/[\\/]/).pop() ?? "").toLowerCase().replace(/\.exe$/, "");
  return Object.hasOwn(PROGRAMS, base) ? PROGRAMS[base] : undefined;
}
