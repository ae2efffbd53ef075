import type { Io } from "./io";
import type { Redirect } from "./script-ast";

// Files the task writes are not kept by the emulator, so a redirect to any file just drops the output.
const DEV_FDS: Record<string, number> = { "/dev/stdout": 1, "/dev/stderr": 2, "/dev/fd/1": 1, "/dev/fd/2": 2 };

/** Applies redirections left to right with dup semantics, so `2>&1 >/dev/null` behaves as in a shell. */
export function withRedirects(io: Io, redirects: readonly Redirect[]): Io {
  if (redirects.length === 0) return io;
  const table = new Map<number, number | null>([
    [1, 1],
    [2, 2],
  ]);
  const lookup = (fd: number): number | null => table.get(fd) ?? null;
  for (const r of redirects) {
    if (r.op === "<") continue;
    const fd = r.fd ?? (r.op === "<&" ? 0 : 1);
    if (r.op === ">&" || r.op === "<&") {
      if (r.target === "-") table.set(fd, null);
      else if (/^\d+$/.test(r.target)) table.set(fd, lookup(Number(r.target)));
      else {
        // bash's `>&file` sends both streams to the file.
        table.set(1, null);
        table.set(2, null);
      }
      continue;
    }
    const dev = DEV_FDS[r.target];
    table.set(fd, dev === undefined ? null : lookup(dev));
  }
  return {
    clock: io.clock,
    write(fd, text) {
      const target = lookup(fd);
      if (target !== null) io.write(target, text);
    },
  };
}

/** A pipeline stage whose stdout feeds the next stage: none of the emulated programs read stdin, so it vanishes. */
export function withPipedStdout(io: Io): Io {
  return {
    clock: io.clock,
    write(fd, text) {
      if (fd !== 1) io.write(fd, text);
    },
  };
}
