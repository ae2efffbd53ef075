import type { OutputEvent } from "./outcome";

// The clock is shared by reference so nested programs and pipeline stages can move it.
export interface Clock {
  ms: number;
}

export interface Io {
  readonly clock: Clock;
  /** fd 1 is stdout, fd 2 stderr; anything else has nowhere to go and is dropped. */
  write(fd: number, text: string): void;
}

export interface Recording {
  readonly io: Io;
  readonly clock: Clock;
  /** Events in time order; pipeline stages run "concurrently", so they are recorded out of order. */
  events(): OutputEvent[];
}

export function createRecording(): Recording {
  const clock: Clock = { ms: 0 };
  const recorded: OutputEvent[] = [];
  const io: Io = {
    clock,
    write(fd, text) {
      if (text === "") return;
      if (fd === 1) recorded.push({ atMs: clock.ms, stream: "stdout", text });
      else if (fd === 2) recorded.push({ atMs: clock.ms, stream: "stderr", text });
    },
  };
  return {
    io,
    clock,
    // Array.prototype.sort is stable, so writes at the same instant keep their order.
    events: () => [...recorded].sort((a, b) => a.atMs - b.atMs),
  };
}

export function sleepFor(io: Io, ms: number): void {
  io.clock.ms += ms;
}
