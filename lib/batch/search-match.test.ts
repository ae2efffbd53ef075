import { describe, expect, it } from "vitest";
import { bestMatches, matchKind, odataString } from "./search-match";

describe("id search matching", () => {
  it("tells exact, prefix and fragment matches apart, without case", () => {
    expect(matchKind("chunk-00042", "CHUNK-00042")).toBe("exact");
    expect(matchKind("chunk-00042", "chunk-0")).toBe("prefix");
    expect(matchKind("chunk-00042", "0042")).toBe("fragment");
    expect(matchKind("tvmps_3f9c0042ab_d", "0042")).toBe("fragment");
    expect(matchKind("chunk-00042", "0043")).toBeUndefined();
  });

  it("ranks exact before prefix before fragment, ids naturally within each, and counts all", () => {
    const ids = ["x-0042", "0042-b", "chunk-00042", "0042", "0042-a10", "0042-a9", "other"];
    const r = bestMatches(ids, "0042", (s) => s, 4);
    expect(r.items).toEqual(["0042", "0042-a9", "0042-a10", "0042-b"]);
    expect(r.total).toBe(6);
  });

  it("quotes OData literals", () => {
    expect(odataString("chunk-0")).toBe("'chunk-0'");
    expect(odataString("a'b")).toBe("'a''b'");
  });
});
