import { createLoader } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { signatureParams, windowParams, windowQuery } from "@/lib/links/view-params";
import { firstHeatmapQuery } from "./first-query";
import { HEATMAP_BUCKETS } from "./window";

/** The query the heatmap panel makes for a URL (components/heatmap/use-heatmap.ts), through the same parsers. */
function browserQuery(search: string): Record<string, string | number> {
  const w = createLoader(windowParams)(search);
  const { sig } = createLoader(signatureParams)(search);
  return { ...windowQuery(w), buckets: HEATMAP_BUCKETS, ...(sig ? { signature: sig } : {}) };
}

const asSearch = (search: string) => {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const had = out[k];
    out[k] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
  }
  return out;
};

describe("the query of the first heatmap answer the pool page hands over", () => {
  it.each(["", "?window=24h", "?window=15m&metric=job&failing=1", "?window=7d&sel=n1,n2&cellNode=n1&cellAt=2026-12-01T10:00:00.000Z", "?q=abc"])(
    "is the browser's own query for %s",
    (search) => {
      expect(firstHeatmapQuery(asSearch(search))).toEqual(browserQuery(search));
    },
  );

  it.each([
    "?from=2026-12-01T10:00:00.000Z&to=2026-12-01T12:00:00.000Z",
    "?window=6h&from=2026-12-01T10:00:00.000Z&to=2026-12-01T12:00:00.000Z",
    "?from=2026-12-01T10:00:00.000Z",
    "?window=24h&sig=abc123",
    "?window=2h",
    "?window=24h&window=1h",
  ])("is none for %s, which the browser asks for itself", (search) => {
    expect(firstHeatmapQuery(asSearch(search))).toBeUndefined();
  });
});
