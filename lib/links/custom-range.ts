/**
 * The custom from–to window the operator types next to the presets: the two `datetime-local` values, read
 * as UTC like every time the dashboard shows (not the browser's own zone), checked before they reach the URL, with a message that says what to change.
 * The API takes at most 31 days (lib/schemas/inputs.ts windowQuery); "now" gets a minute of slack, since
 * the clock of the service and of the operator's machine differ a little.
 */
export const MAX_RANGE_MS = 31 * 86_400_000;
const FUTURE_SLACK_MS = 60_000;

export type RangeCheck = { ok: true; from: Date; to: Date } | { ok: false; field: "from" | "to"; message: string };

export function checkCustomRange(fromText: string, toText: string, now: number): RangeCheck {
  if (!fromText) return { ok: false, field: "from", message: "Enter the start of the range." };
  if (!toText) return { ok: false, field: "to", message: "Enter the end of the range." };
  const from = utcInput(fromText);
  const to = utcInput(toText);
  if (Number.isNaN(from.getTime())) return { ok: false, field: "from", message: "The start is not a date and time." };
  if (Number.isNaN(to.getTime())) return { ok: false, field: "to", message: "The end is not a date and time." };
  if (from.getTime() >= to.getTime()) return { ok: false, field: "from", message: "The start must be before the end." };
  if (from.getTime() > now + FUTURE_SLACK_MS) return { ok: false, field: "from", message: "The start is in the future." };
  if (to.getTime() > now + FUTURE_SLACK_MS) return { ok: false, field: "to", message: "The end is in the future: pick now or earlier, or use a live window." };
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) return { ok: false, field: "to", message: "A range is at most 31 days." };
  return { ok: true, from, to };
}

/** A `datetime-local` value ("2026-11-27T10:00", seconds optional) as a UTC time; anything else is an invalid date. */
function utcInput(text: string): Date {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(text) ? new Date(`${text}Z`) : new Date(NaN);
}

/** A time as the `datetime-local` input shows it: UTC to the minute. */
export function toUtcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}
