import type { HeatmapProgress } from "@/lib/schemas/failures";

/** The progress as shown: counts that only grow within a phase, and which phase they count. */
export interface ShownProgress {
  /** `failures`: the first read (failed tasks); `totals`: the completed tasks behind the rates. */
  phase: "failures" | "totals";
  pagesRead: number;
  pagesEstimate?: number;
  jobsRead?: number;
  jobsTotal?: number;
}

/**
 * The next progress to show, from the last one shown and the server's new report, for one load of one
 * window. The server's counters restart when the full read follows the failures (docs/diagnosis.md
 * "Failures first"), and between the two it reports nothing: shown as is, the counter went backwards and
 * blank. A report of nothing keeps what was shown; a restart is the totals' phase, said so, not a step back;
 * within a phase every count is the most seen, and an estimate once known is kept.
 */
export function steadyProgress(
  prev: ShownProgress | undefined,
  report: HeatmapProgress | undefined,
  startPhase: ShownProgress["phase"],
): ShownProgress | undefined {
  if (!report?.loading) return prev;
  const pages = report.pagesRead ?? 0;
  const restarted = prev !== undefined && (pages < prev.pagesRead || (report.jobsRead ?? 0) < (prev.jobsRead ?? 0));
  const phase = restarted || startPhase === "totals" ? "totals" : (prev?.phase ?? startPhase);
  const base = restarted || prev?.phase !== phase ? undefined : prev;
  return {
    phase,
    pagesRead: Math.max(pages, base?.pagesRead ?? 0),
    pagesEstimate: report.pagesEstimate ?? base?.pagesEstimate,
    jobsRead: maxOf(report.jobsRead, base?.jobsRead),
    jobsTotal: report.jobsTotal ?? base?.jobsTotal,
  };
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** How many pages and jobs, in one wording whatever the report lacks. */
export function progressText(p: ShownProgress): string {
  const pages = `${p.pagesRead} ${p.pagesEstimate ? `of about ${Math.max(p.pagesEstimate, p.pagesRead)} ` : ""}pages`;
  return p.jobsTotal ? `${pages}, ${p.jobsRead ?? 0} of ${p.jobsTotal} jobs done` : pages;
}
