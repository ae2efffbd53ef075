/**
 * The schedule a job came from, read from its id: the service names a schedule's jobs `<scheduleId>:job-<n>`
 * (recorded/job-schedule-jobs-list.json). The job itself carries no link back, so the id is the only
 * pointer; a page confirms it by reading the schedule.
 */
export function scheduleOfJob(jobId: string): { scheduleId: string; run: number } | undefined {
  const m = /^([A-Za-z0-9_-]{1,64}):job-([0-9]{1,10})$/.exec(jobId);
  return m ? { scheduleId: m[1]!, run: Number(m[2]) } : undefined;
}

const UNITS: [string, string][] = [
  ["D", "day"],
  ["H", "hour"],
  ["M", "minute"],
  ["S", "second"],
];

/** "P1D" → "day", "PT6H" → "6 hours", "PT1H30M" → "1 hour 30 minutes"; undefined for what it cannot read. */
function durationWords(duration: string): string | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!m) return undefined;
  const parts = m.slice(1).flatMap((v, i) => (v === undefined || Number(v) === 0 ? [] : [[Number(v), UNITS[i]![1]] as const]));
  if (parts.length === 0) return undefined;
  if (parts.length === 1 && parts[0]![0] === 1) return parts[0]![1];
  return parts.map(([n, unit]) => `${n} ${unit}${n === 1 ? "" : "s"}`).join(" ");
}

/** "P1D" → "every day", "PT6H" → "every 6 hours", "PT1H30M" → "every 1 hour 30 minutes"; odd input is shown as is. */
export function describeRecurrence(duration: string | undefined): string {
  if (!duration) return "once";
  return `every ${durationWords(duration) ?? duration}`;
}

/** A schedule's start window: "PT1H" → "1 hour" (a run that cannot start within it is skipped). */
export function describeStartWindow(duration: string): string {
  const words = durationWords(duration);
  return words ? (/^\d/.test(words) ? words : `1 ${words}`) : duration;
}
