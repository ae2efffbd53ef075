/**
 * Batch serialises "no limit" as .NET's TimeSpan.MaxValue; anything at or above this many days is treated
 * as unlimited so a display never shows "29,227 years".
 */
const UNLIMITED_DAYS = 10_675_199;

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/**
 * Parses the ISO-8601 durations Batch sends (`PT2H`, `P7D`, `P1DT30M`, `PT5.5S`, `P2W`) into milliseconds.
 * Returns `Infinity` for Batch's "unlimited" value and `undefined` for anything unparseable. Years and
 * months are rejected rather than guessed: their length is calendar-dependent and Batch never emits them.
 */
export function parseIsoDuration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value.trim());
  if (!m) return undefined;
  const [, w, d, h, min, s] = m;
  if (w === undefined && d === undefined && h === undefined && min === undefined && s === undefined) return undefined;
  // "PT" with nothing after it is not a duration.
  if (/T$/i.test(value.trim())) return undefined;
  const days = Number(w ?? 0) * 7 + Number(d ?? 0);
  if (days >= UNLIMITED_DAYS) return Infinity;
  return days * MS_PER_DAY + Number(h ?? 0) * MS_PER_HOUR + Number(min ?? 0) * MS_PER_MINUTE + Number(s ?? 0) * MS_PER_SECOND;
}

/** A short human rendering ("2h 5m", "3d 4h", "42s", "unlimited") for explanations. */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return "unlimited";
  if (ms < MS_PER_SECOND) return `${Math.max(0, Math.round(ms))}ms`;
  const parts: string[] = [];
  let rest = Math.floor(ms / MS_PER_SECOND);
  const d = Math.floor(rest / 86_400);
  rest -= d * 86_400;
  const h = Math.floor(rest / 3_600);
  rest -= h * 3_600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s) parts.push(`${s}s`);
  // Two units are enough to judge a runtime; more is noise.
  return parts.slice(0, 2).join(" ");
}
