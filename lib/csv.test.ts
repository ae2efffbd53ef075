import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, objectsToCsv, toCsv } from "./csv";

describe("csv", () => {
  it("leaves plain cells alone and writes missing values empty", () => {
    expect(csvCell("tvmps_1_d")).toBe("tvmps_1_d");
    expect(csvCell(137)).toBe("137");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(false)).toBe("false");
  });

  it("quotes commas, quotes and line breaks, doubling quotes (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("cr\r")).toBe('"cr\r"');
  });

  it("guards cells a spreadsheet would run as a formula, but not numbers", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell(-1073741819)).toBe("-1073741819");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes a header and rows with CRLF after every record", () => {
    expect(
      toCsv(
        ["id", "exit"],
        [
          ["t1", 1],
          ["t,2", -1],
        ],
      ),
    ).toBe('id,exit\r\nt1,1\r\n"t,2",-1\r\n');
    expect(toCsv(["id"], [])).toBe("id\r\n");
  });

  it("reads objects through column definitions", () => {
    const csv = objectsToCsv(
      [
        { header: "Task", value: (r: { id: string; code?: number }) => r.id },
        { header: "Code", value: (r) => r.code },
      ],
      [{ id: "a" }, { id: "b", code: 2 }],
    );
    expect(csv).toBe("Task,Code\r\na,\r\nb,2\r\n");
  });

  it("makes safe file names", () => {
    expect(csvFileName("tasks", "nightly:job-5")).toBe("tasks-nightly_job-5.csv");
    expect(csvFileName("audit", 'a/b\\c"d')).toBe("audit-a_b_c_d.csv");
  });
});
