import { describe, expect, it } from "vitest";
import { progressText, steadyProgress, type ShownProgress } from "./steady-progress";

const report = (pagesRead: number, jobsRead: number, pagesEstimate?: number) => ({ loading: true, pagesRead, pagesEstimate, jobsRead, jobsTotal: 20 });

describe("steadyProgress", () => {
  it("never goes backwards within a phase, and keeps the estimate once known", () => {
    let p = steadyProgress(undefined, report(195, 19, 200), "failures");
    p = steadyProgress(p, { loading: true, pagesRead: 196, jobsRead: 19, jobsTotal: 20 }, "failures");
    expect(progressText(p!)).toBe("196 of about 200 pages, 19 of 20 jobs done");
  });

  it("keeps what was shown when the server reports nothing between the two reads", () => {
    const p = steadyProgress(undefined, report(195, 19, 200), "failures");
    expect(steadyProgress(p, { loading: false }, "failures")).toBe(p);
    expect(steadyProgress(p, undefined, "failures")).toBe(p);
  });

  it("names a restart of the counters as the totals' phase instead of a step back", () => {
    const p = steadyProgress(undefined, report(199, 19, 200), "failures");
    const next = steadyProgress(p, { loading: true, pagesRead: 0, jobsRead: 0, jobsTotal: 20 }, "failures");
    expect(next).toMatchObject<Partial<ShownProgress>>({ phase: "totals", pagesRead: 0, pagesEstimate: undefined });
    const later = steadyProgress(next, report(16, 16), "failures");
    expect(later).toMatchObject({ phase: "totals", pagesRead: 16, jobsRead: 16 });
    expect(progressText(later!)).toBe("16 pages, 16 of 20 jobs done");
  });

  it("starts in the totals' phase once the first answer is shown", () => {
    const p = steadyProgress(undefined, report(3, 1), "failures");
    expect(steadyProgress(p, report(4, 1), "totals")).toMatchObject({ phase: "totals", pagesRead: 4 });
  });
});
