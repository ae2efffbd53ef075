/**
 * Exit code 0xC000013A (STATUS_CONTROL_C_EXIT) as a signed 32-bit int: what Batch reports when
 * maxWallClockTime ends a task on Windows. What a Linux node reports is undocumented, hence the run-time
 * fallback in the TaskEnded verdict (verdicts.ts).
 */
export const WALL_CLOCK_EXIT_CODE = -1073741510;

/**
 * Batch sends exit codes as signed 32-bit ints, but people paste them from Windows tools as unsigned
 * (3221225477) or hex (0xC0000005), and other clients may have done the same conversion: fold every
 * 32-bit value onto its signed form so one table serves both.
 */
export function toSignedExitCode(code: number): number {
  if (Number.isInteger(code) && code > 0x7fffffff && code <= 0xffffffff) return code - 0x1_0000_0000;
  return code;
}

/** True for the maxWallClockTime kill code, signed or unsigned. */
export function isWallClockExitCode(code: number | undefined): boolean {
  return code !== undefined && toSignedExitCode(code) === WALL_CLOCK_EXIT_CODE;
}

/** Renders a negative (NTSTATUS-style) code the way Windows documentation spells it. */
export function exitCodeHex(code: number): string {
  return `0x${(toSignedExitCode(code) >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
}

const SMALL_CODES: ReadonlyMap<number, string> = new Map([
  [0, "success (the command line itself exited cleanly)"],
  [1, "general error (the program reported a failure; its stderr says why)"],
  [2, "misuse or usage error (bad arguments to a shell builtin or a program, e.g. argparse rejecting the command line)"],
  [126, "command found but not executable (permission denied, or not an executable file for this OS)"],
  [127, "command not found (the shell could not find the program)"],
  [128, "invalid argument to exit, or killed by an unknown signal"],
  [255, "exit status out of range (the program called exit(-1)) or a fatal error (ssh and some runtimes use 255)"],
]);

/** Linux signal numbers; the codes a shell reports as 128 + n. */
const SIGNALS: ReadonlyMap<number, [name: string, meaning: string]> = new Map([
  [1, ["SIGHUP", "hang-up, the controlling session went away"]],
  [2, ["SIGINT", "interrupted (Ctrl-C)"]],
  [3, ["SIGQUIT", "quit, usually with a core dump"]],
  [4, ["SIGILL", "illegal instruction (a binary built for another CPU?)"]],
  [5, ["SIGTRAP", "trace or breakpoint trap"]],
  [6, ["SIGABRT", "aborted, typically a failed assert or abort() in native code"]],
  [7, ["SIGBUS", "bus error, a bad memory access (often a truncated memory-mapped file)"]],
  [8, ["SIGFPE", "arithmetic error such as integer division by zero"]],
  [9, ["SIGKILL", "usually the out-of-memory killer or a forced kill"]],
  [10, ["SIGUSR1", "user-defined signal 1"]],
  [11, ["SIGSEGV", "segmentation fault, an invalid memory access in native code"]],
  [12, ["SIGUSR2", "user-defined signal 2"]],
  [13, ["SIGPIPE", "wrote to a pipe whose reader had gone"]],
  [14, ["SIGALRM", "a timer alarm fired (a timeout wrapper?)"]],
  [15, ["SIGTERM", "asked to terminate (task terminate, node shutdown or a timeout wrapper)"]],
  [24, ["SIGXCPU", "CPU time limit exceeded"]],
  [25, ["SIGXFSZ", "file size limit exceeded"]],
]);

/**
 * Windows status codes, keyed by their signed value because that is how Batch reports them. Only codes an
 * operator is likely to meet; anything else in the error range gets a generic hex explanation.
 */
const WINDOWS_CODES: ReadonlyMap<number, string> = new Map([
  [WALL_CLOCK_EXIT_CODE, "STATUS_CONTROL_C_EXIT, Batch killed the task because it exceeded maxWallClockTime"],
  [-1073741819, "STATUS_ACCESS_VIOLATION, access violation, invalid memory access in native code (the Windows segfault)"],
  [-1073741571, "STATUS_STACK_OVERFLOW, stack overflow, usually unbounded recursion"],
  [-1073741795, "STATUS_ILLEGAL_INSTRUCTION, illegal instruction (binary built for another CPU?)"],
  [-1073740791, "STATUS_STACK_BUFFER_OVERRUN, stack buffer overrun or fail-fast exit (also abort() in the C runtime)"],
  [-1073741801, "STATUS_NO_MEMORY, out of memory"],
  [-1073740940, "STATUS_HEAP_CORRUPTION, heap corruption in native code"],
  [-1073741515, "STATUS_DLL_NOT_FOUND, a required DLL is missing on the node (install the runtime or ship the DLL)"],
  [-1073741502, "STATUS_DLL_INIT_FAILED, a DLL failed to initialise (often a desktop-only component on a server node)"],
  [-1073741676, "STATUS_INTEGER_DIVIDE_BY_ZERO, integer division by zero"],
  [-1073741790, "STATUS_ACCESS_DENIED, access denied"],
  [-532462766, "unhandled .NET exception, the exception and stack trace are in stderr"],
  [-1, "exit(-1), the program reported a generic failure"],
]);

/**
 * A one-line meaning for well-known exit codes, or `undefined` when the code is the program's own business.
 * Accepts signed and unsigned 32-bit forms of Windows codes.
 */
export function explainExitCode(code: number): string | undefined {
  if (!Number.isInteger(code)) return undefined;
  const signed = toSignedExitCode(code);
  const small = SMALL_CODES.get(signed);
  if (small) return small;
  if (signed > 128 && signed <= 128 + 64) {
    const n = signed - 128;
    const signal = SIGNALS.get(n);
    if (signal) return `killed by signal ${n} (${signal[0]}), ${signal[1]}`;
    return n >= 34 ? `killed by signal ${n} (a real-time signal)` : `killed by signal ${n}`;
  }
  const windows = WINDOWS_CODES.get(signed);
  if (windows) return `${exitCodeHex(signed)} ${windows}`;
  // 0xC0000000-0xFFFFFFFF is the NTSTATUS error severity: the process crashed or was killed by the OS.
  if (signed < 0 && signed >= -0x40000000) {
    return `${exitCodeHex(signed)}, a Windows error status (the process crashed or was stopped by the system; look the code up)`;
  }
  return undefined;
}
