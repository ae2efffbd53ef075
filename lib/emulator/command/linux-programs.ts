import { echoText } from "./echo";
import { sleepFor } from "./io";
import type { Program } from "./machine";
import { createShellProgram } from "./sh-shell";
import { parseSleepArgs } from "./sleep";

const sleepProgram: Program = ({ argv }, io) => {
  const parsed = parseSleepArgs(argv.slice(1));
  if (!parsed.ok) {
    io.write(2, parsed.message);
    return 1;
  }
  sleepFor(io, parsed.ms);
  return 0;
};

const PROGRAMS: Record<string, Program> = {
  echo: ({ argv }, io) => {
    io.write(1, echoText(argv.slice(1), "gnu"));
    return 0;
  },
  sleep: sleepProgram,
  true: () => 0,
  false: () => 1,
  sh: createShellProgram("dash"),
  dash: createShellProgram("dash"),
  bash: createShellProgram("bash"),
};

// Bare names stand for the PATH lookup a real node would do; explicit paths must be where Ubuntu keeps them.
const SEARCH_DIRS = ["", "/bin/", "/usr/bin/"];

export function resolveLinuxProgram(name: string): Program | undefined {
  for (const dir of SEARCH_DIRS) {
    if (!name.startsWith(dir)) continue;
    const base = name.slice(dir.length);
    if (base.includes("/") || !Object.hasOwn(PROGRAMS, base)) continue;
    return PROGRAMS[base];
  }
  return undefined;
}
