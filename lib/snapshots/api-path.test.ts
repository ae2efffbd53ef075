import { describe, expect, it } from "vitest";
import { normalizeApiPath } from "./api-path";

describe("normalizeApiPath", () => {
  it("sorts the query so parameter order does not matter", () => {
    expect(normalizeApiPath("/api/accounts/a/pools/p/heatmap?to=2&from=1")).toBe(normalizeApiPath("/api/accounts/a/pools/p/heatmap?from=1&to=2"));
  });
  it("drops empty values and keeps the path's encoding", () => {
    expect(normalizeApiPath("/api/accounts/a/jobs/j%20k?x=&b=2")).toBe("/api/accounts/a/jobs/j%20k?b=2");
  });
  it("keeps a bare path bare", () => {
    expect(normalizeApiPath("/api/accounts/a/pools")).toBe("/api/accounts/a/pools");
  });
});
