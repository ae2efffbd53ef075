import { describe, expect, it } from "vitest";
import { shortId } from "@/lib/format";

const REAL = "tvmps_d60153fb260c911cd921ac8003a07aad582b51c4024f09657a154ab6b1578235_d";

describe("shortId", () => {
  it("keeps an id that fits", () => {
    expect(shortId("tvm-2316545714_1-20150725t213220z".slice(0, 24))).toBe("tvm-2316545714_1-2015072");
    expect(shortId("node-1")).toBe("node-1");
  });

  it("cuts a 72-character node id in the middle, keeping both ends that tell nodes apart", () => {
    const s = shortId(REAL);
    expect(s).toHaveLength(24);
    expect(s.startsWith("tvmps_d60153fb2")).toBe(true);
    expect(s.endsWith("578235_d")).toBe(true);
    expect(s).toContain("…");
  });
});
