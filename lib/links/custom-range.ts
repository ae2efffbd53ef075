/**
 * The custom from–to window the operator types next to the presets: the two `datetime-local` values (the
 * browser's local time), checked before they reach the URL, with a message that says what to change.
 * The API takes at most 31 days (lib/schemas/inputs.ts windowQuery); "now" gets a minute of slack, since
 * the clock of the service and of the operator's machine differ a little.
 */
export const MAX_RANGE_MS = 31 * 86_400_000;
const FUTURE_SLACK_MS = 60_000;

export type RangeCheck = { ok: true; from: Date; to: Date } | { ok: false; field: "from" | "to"; message: string };

export function checkCustomRange(fromText: string, toText: string, now: number): RangeCheck {
  if (!fromText) return { ok: false, field: "from", message: "Enter the start of the range." };
  if (!toText) return { ok: false, field: "to", message: "Enter the end of the range." };
  const from = new Date(fromText);
  const to = new Date(toText);
  if (Number.isNaN(from.getTime())) return { ok: false, field: "from", message: "The start is not a date and time." };
  if (Number.isNaN(to.getTime())) return { ok: false, field: "to", message: "The end is not a date and time." };
  if (from.getTime() >= to.getTime()) return { ok: false, field: "from", message: "The start must be before the end." };
  if (from.getTime() > now + FUTURE_SLACK_MS) return { ok: false, field: "from", message: "The start is in the future." };
  if (to.getTime() > now + FUTURE_SLACK_MS) return { ok: false, field: "to", message: "The end is in the future: pick now or earlier, or use a live window." };
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) return { ok: false, field: "to", message: "A range is at most 31 days." };
  return { ok: true, from, to };
}

/** A time as a `datetime-local` input shows it: local time to the minute. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
