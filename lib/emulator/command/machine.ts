import type { Io } from "./io";
import type { NodeOs } from "./outcome";

export interface Invocation {
  argv: readonly string[];
  /** The command text as written; cmd.exe takes the rest of its line raw instead of as argv. */
  raw: string;
}

/** An installed program: runs against the simulated clock and returns its exit status. */
export type Program = (invocation: Invocation, io: Io, machine: Machine) => number;

/** The emulated node: which OS it runs and which programs it has. */
export interface Machine {
  readonly os: NodeOs;
  resolve(name: string): Program | undefined;
}
