import { describe, expect, it } from "vitest";
import { sampleNote, signatureLabel } from "./signature-note";

describe("the signatures' sample note", () => {
  it("says every failed task was read when it was", () => {
    expect(sampleNote({ failed: 72, sampled: 72, sampleLimit: 200, signatures: [{ source: "stderr", count: 72 }] })).toBe(
      "Signatures from 72 of 72 failed tasks.",
    );
  });

  // On `scale`, 5,146 of 5,439 failures were "not sampled" under a bare label: the note says what it is.
  it("counts the tasks not sampled and says why", () => {
    const note = sampleNote({
      failed: 5_439,
      sampled: 200,
      sampleLimit: 200,
      signatures: [
        { source: "stderr", count: 293 },
        { source: "unsampled", count: 5_146 },
      ],
    });
    expect(note).toMatch(/^Signatures from 200 of 5,439 failed tasks \(stderr of at most 200 read/);
    expect(note).toContain('5,146 of them are "not sampled": no task of their node, job and exit code was among the 200 read, so their signature is unknown.');
  });

  it("labels a 'not sampled' group by what it is, and every other by its line", () => {
    expect(signatureLabel({ source: "unsampled", line: "not sampled" })).toBe("not sampled: no stderr read for their node, job and exit code");
    expect(signatureLabel({ source: "stderr", line: "Killed" })).toBe("Killed");
  });

  it("says nothing of 'not sampled' when every task took a signature read in its group", () => {
    expect(sampleNote({ failed: 270, sampled: 200, sampleLimit: 200, signatures: [{ source: "stderr", count: 270 }] })).not.toContain('not sampled":');
  });
});
