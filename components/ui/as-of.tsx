/** "as of HH:MM:SS" in the service's time, so a screenshot in a ticket says how fresh it was. */
export function AsOf({ iso, stale }: { iso: string; stale?: boolean }) {
  const time = new Date(iso).toISOString().slice(11, 19);
  return (
    <span className={stale ? "font-medium text-red-700 dark:text-red-300" : "text-slate-500 dark:text-slate-400"} data-testid="as-of">
      {stale ? "data as of" : "as of"} <time dateTime={iso}>{time}</time> UTC
    </span>
  );
}
