import type { Io } from "./io";
import { withPipedStdout, withRedirects } from "./redirect-io";
import type { Pipeline, Script, SimpleCommand } from "./script-ast";

export interface ShellState {
  lastStatus: number;
  errexit: boolean;
  pipefail: boolean;
}

export interface CommandResult {
  status: number;
  /** Set by `exit`: the whole script stops with this status. */
  exit?: boolean;
}

/** What differs between dialects: how one simple command is executed. */
export type CommandRunner = (cmd: SimpleCommand, io: Io, state: ShellState) => CommandResult;

export function createShellState(): ShellState {
  return { lastStatus: 0, errexit: false, pipefail: false };
}

/** Runs a parsed script and returns its exit status (the last command's, as in a shell). */
export function runScript(script: Script, io: Io, state: ShellState, run: CommandRunner): number {
  for (const list of script.lists) {
    const first = runPipeline(list.first, io, state, run);
    if (first.exit) return first.status;
    state.lastStatus = first.status;
    // errexit ignores failures on the left of && / ||; only the last pipeline that ran counts.
    let lastRanIsFinal = list.rest.length === 0;
    for (const [index, step] of list.rest.entries()) {
      const shouldRun = step.op === "&&" ? state.lastStatus === 0 : state.lastStatus !== 0;
      if (!shouldRun) continue;
      const result = runPipeline(step.pipeline, io, state, run);
      if (result.exit) return result.status;
      state.lastStatus = result.status;
      lastRanIsFinal = index === list.rest.length - 1;
    }
    if (state.errexit && lastRanIsFinal && state.lastStatus !== 0) return state.lastStatus;
  }
  return state.lastStatus;
}

function runPipeline(pipeline: Pipeline, io: Io, state: ShellState, run: CommandRunner): CommandResult {
  const [only, ...others] = pipeline.commands;
  if (only === undefined) return { status: state.lastStatus };
  if (others.length === 0) return run(only, withRedirects(io, only.redirects), state);

  // Stages run concurrently, so each starts at the same instant and the pipeline ends with the slowest.
  // Each stage is a subshell: its `exit` ends only that stage.
  const start = io.clock.ms;
  let end = start;
  const statuses: number[] = [];
  pipeline.commands.forEach((cmd, index) => {
    io.clock.ms = start;
    const isLast = index === pipeline.commands.length - 1;
    const stageIo = withRedirects(isLast ? io : withPipedStdout(io), cmd.redirects);
    statuses.push(run(cmd, stageIo, { ...state }).status);
    end = Math.max(end, io.clock.ms);
  });
  io.clock.ms = end;
  const lastStatus = statuses[statuses.length - 1] ?? 0;
  if (!state.pipefail) return { status: lastStatus };
  const failed = statuses.filter((s) => s !== 0);
  return { status: failed[failed.length - 1] ?? 0 };
}
