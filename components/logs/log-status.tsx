import { formatBytes, formatTime } from "@/lib/format";
import { rangeEnd, rangeStart, type LoadedRange } from "@/lib/logs/loaded-range";

/** What is loaded and how lines are numbered, said plainly. */
export function LogStatus({ w, lineCount }: { w: LoadedRange; lineCount: number }) {
  const start = rangeStart(w);
  const end = rangeEnd(w);
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="log-status" data-lines={lineCount} data-start={start} data-end={end}>
      {lineCount.toLocaleString("en")} {lineCount === 1 ? "line" : "lines"} loaded (bytes {start.toLocaleString("en")}–{end.toLocaleString("en")} of{" "}
      {w.size.toLocaleString("en")}, {formatBytes(end - start)} held).{" "}
      {w.lfBefore === undefined
        ? "Line numbers (“…”) are shown once the start of the file is loaded: scroll up to it, or use “Go to line”; hover a line for its byte offset."
        : "Lines are numbered from the start of the file."}
      {w.lastModified ? ` Last modified ${formatTime(w.lastModified)}.` : ""}
    </p>
  );
}
