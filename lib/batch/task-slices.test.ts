import { describe, expect, it } from "vitest";
import { MAX_SLICES, pagesInWindow, slicesPerJob, sliceWindow } from "./task-slices";

const H = 3_600_000;

describe("sliceWindow", () => {
  it("cuts the window into consecutive slices that cover it exactly, without overlap", () => {
    const w = { from: 1_000, to: 1_000 + 7 * H + 3 };
    const slices = sliceWindow(w, 5);
    expect(slices).toHaveLength(5);
    expect(slices[0]!.from).toBe(w.from);
    expect(slices.at(-1)!.to).toBe(w.to);
    for (let i = 1; i < slices.length; i++) expect(slices[i]!.from).toBe(slices[i - 1]!.to);
    for (const s of slices) expect(s.to).toBeGreaterThan(s.from);
  });

  it("is the window itself for one slice, and never cuts below a millisecond", () => {
    expect(sliceWindow({ from: 0, to: H }, 1)).toEqual([{ from: 0, to: H }]);
    expect(sliceWindow({ from: 0, to: 3 }, 10)).toHaveLength(3);
  });
});

describe("slicesPerJob", () => {
  it("cuts one big job among small ones so its chains are about as long as the others'", () => {
    // 200 pages in one job, 1 in each of 7 others, 8 slots: chains of about 26 pages, so the big job in 8.
    expect(slicesPerJob([200, 1, 1, 1, 1, 1, 1, 1], 8)).toEqual([8, 1, 1, 1, 1, 1, 1, 1]);
    // With 64 slots it would be cut finer, but never past the limit.
    expect(slicesPerJob([200, 1, 1, 1, 1, 1, 1, 1], 64)[0]).toBe(MAX_SLICES);
  });

  it("leaves jobs whole when they already fill the slots evenly", () => {
    expect(slicesPerJob(Array<number>(20).fill(10), 8)).toEqual(Array<number>(20).fill(1));
  });

  it("never cuts a job into more slices than it has pages, nor a job of one page or none", () => {
    expect(slicesPerJob([3, 0, 1], 8)).toEqual([3, 1, 1]);
  });
});

describe("pagesInWindow", () => {
  it("counts the share of a job's completed tasks its life spends in the window", () => {
    // 10,000 tasks over 10 hours; the window covers 2 of them: about 2,000 tasks, 2 pages.
    expect(pagesInWindow({ completed: 10_000, created: 0, ended: 10 * H }, { from: 4 * H, to: 6 * H })).toBe(2);
  });

  it("counts every completed task when the job's life is unknown, and none when it ended before the window", () => {
    expect(pagesInWindow({ completed: 2_500 }, { from: 0, to: H })).toBe(3);
    expect(pagesInWindow({ completed: 2_500, created: 0, ended: H }, { from: 2 * H, to: 3 * H })).toBe(0);
  });
});
