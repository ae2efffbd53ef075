import { describe, expect, it } from "vitest";
import { taskSearchJobs } from "./search";

const H = 3_600_000;
const NOW = 100 * H;

describe("taskSearchJobs: whose tasks the id search reads", () => {
  it("takes active jobs and those completed in the last day, most recently changed first", () => {
    const r = taskSearchJobs(
      [
        { id: "old-done", state: "completed", changed: NOW - 30 * H },
        { id: "done", state: "completed", changed: NOW - 2 * H },
        { id: "active", state: "active", changed: NOW - 50 * H },
        { id: "going", state: "deleting", changed: NOW },
        { id: "fresh", state: "active", changed: NOW - H },
      ],
      NOW,
    );
    expect(r.searched.map((j) => j.id)).toEqual(["fresh", "done", "active"]);
    expect(r.leftOut).toBe(0);
  });

  it("is bounded, and counts what it left out", () => {
    const jobs = Array.from({ length: 25 }, (_, i) => ({ id: `j${i}`, state: "active", changed: NOW - i * H }));
    const r = taskSearchJobs(jobs, NOW);
    expect(r.searched).toHaveLength(20);
    expect(r.searched[0]!.id).toBe("j0");
    expect(r.leftOut).toBe(5);
  });
});
