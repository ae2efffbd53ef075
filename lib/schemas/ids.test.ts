import { describe, expect, it } from "vitest";
import { idKey, sameId, uniqueIds } from "@/lib/schemas/ids";

const NODE = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";

describe("ids are case-insensitive and case-preserving", () => {
  it("one node by any case is one key", () => {
    expect(idKey(NODE.toUpperCase())).toBe(idKey(NODE));
    expect(sameId("Pool1", "pool1")).toBe(true);
    expect(sameId("pool1", "pool2")).toBe(false);
    expect(sameId(undefined, "pool1")).toBe(false);
  });

  it("uniqueIds drops repeats by case and keeps the first spelling", () => {
    expect(uniqueIds([NODE.toUpperCase(), "b", NODE, "B"])).toEqual([NODE.toUpperCase(), "b"]);
  });
});
