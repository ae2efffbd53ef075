import { ansiSegments, type AnsiSegment } from "@/lib/logs/ansi";
import type { LogLine } from "@/lib/logs/lines";
import { markRanges } from "@/lib/logs/search";
import { styleOf } from "./ansi-text";

export interface RowRange {
  from: number;
  to: number;
  current?: boolean;
}

// Lines are immutable, so their styled runs are worked out once, and only for rows that are drawn.
const segmentCache = new WeakMap<LogLine, AnsiSegment[]>();
function segmentsOf(line: LogLine): AnsiSegment[] {
  let s = segmentCache.get(line);
  if (!s) {
    s = ansiSegments(line.text);
    segmentCache.set(line, s);
  }
  return s;
}

/**
 * One log line. Its text is untrusted and only ever becomes React text children of spans: a line holding
 * `<script>` or HTML shows literally, and escape sequences other than colours were removed by ansiSegments.
 */
export function LogRow({
  line,
  number,
  selected,
  ranges,
  onNumber,
  onUnnumbered,
}: {
  line: LogLine;
  number: number | undefined;
  selected: boolean;
  ranges: readonly RowRange[];
  onNumber: (n: number, extend: boolean) => void;
  /** A click on a line whose number is not known yet, with its byte offset: the viewer says why it has no link. */
  onUnnumbered: (offset: number) => void;
}) {
  const parts = markRanges(segmentsOf(line), ranges);
  return (
    <div
      className={selected ? "flex min-w-full bg-amber-900/70" : "flex min-w-full"}
      data-line={number}
      data-offset={line.start}
      data-selected={selected || undefined}
    >
      {number === undefined ? (
        <button
          type="button"
          onClick={() => onUnnumbered(line.start)}
          aria-label={`Line at byte ${line.start.toLocaleString("en")}: number not known yet`}
          title={`byte ${line.start.toLocaleString("en")}`}
          className="w-20 shrink-0 pr-3 text-right text-slate-400 select-none hover:text-blue-300"
        >
          …
        </button>
      ) : (
        <button
          type="button"
          onClick={(e) => onNumber(number, e.shiftKey)}
          aria-label={`Line ${number}`}
          className="w-20 shrink-0 pr-3 text-right text-slate-400 select-none hover:text-blue-300 hover:underline"
        >
          {number}
        </button>
      )}
      <span className="log-text min-w-0 flex-1">
        {parts.length === 0
          ? " "
          : parts.map((p, i) =>
              p.mark ? (
                <mark
                  key={i}
                  style={styleOf(p)}
                  className={p.mark === "current" ? "bg-orange-400 text-black" : "bg-yellow-200 text-black"}
                  data-current={p.mark === "current" || undefined}
                >
                  {p.text}
                </mark>
              ) : (
                <span key={i} style={styleOf(p)}>
                  {p.text}
                </span>
              ),
            )}
      </span>
    </div>
  );
}
