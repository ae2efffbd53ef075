const UNIT_MS: Record<string, number> = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export type SleepParse = { ok: true; ms: number } | { ok: false; message: string };

/** GNU sleep: one or more NUMBER[smhd] operands, summed; decimals allowed. */
export function parseSleepArgs(args: readonly string[]): SleepParse {
  if (args.length === 0) {
    return { ok: false, message: "sleep: missing operand\nTry 'sleep --help' for more information.\n" };
  }
  let total = 0;
  for (const arg of args) {
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    const unit = UNIT_MS[match?.[2] ?? "x"];
    if (match === null || unit === undefined) {
      return { ok: false, message: `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n` };
    }
    total += Number(match[1]) * unit;
  }
  return { ok: true, ms: Math.round(total) };
}
