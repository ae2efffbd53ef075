import { formatBytes, formatTime } from "@/lib/format";
import { windowEnd, windowStart, type LogWindow } from "@/lib/logs/window";

/** What is loaded and how lines are numbered, said plainly. */
export function LogStatus({ w, lineCount }: { w: LogWindow; lineCount: number }) {
  const start = windowStart(w);
  const end = windowEnd(w);
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="log-status" data-lines={lineCount} data-start={start} data-end={end}>
      {lineCount.toLocaleString("en")} lines loaded (bytes {start.toLocaleString("en")}–{end.toLocaleString("en")} of {w.size.toLocaleString("en")}, {formatBytes(end - start)} held).{" "}
      {w.lfBefore === undefined
        ? "Line numbers (“…”) are shown once the start of the file is loaded: scroll up to it, or open a #L link; hover a line for its byte offset."
        : "Lines are numbered from the start of the file."}
      {w.lastModified ? ` Last modified ${formatTime(w.lastModified)}.` : ""}
    </p>
  );
}
