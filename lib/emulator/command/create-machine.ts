import { resolveLinuxProgram } from "./linux-programs";
import type { Machine } from "./machine";
import type { NodeOs } from "./outcome";
import { resolveWindowsProgram } from "./windows-programs";

export function createMachine(os: NodeOs): Machine {
  return { os, resolve: os === "windows" ? resolveWindowsProgram : resolveLinuxProgram };
}
