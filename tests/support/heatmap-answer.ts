import type { HeatmapResponse } from "@/lib/schemas/failures";

/**
 * A heatmap route's full answer (rates and diagnosis), read as the page reads it: the first answer may come
 * from the failed tasks alone, its rates pending (docs/diagnosis.md, "Failures first"), and the page asks
 * again until the full one comes. Browser tests compare the page with this, never with a first answer.
 */
export async function fullHeatmapAnswer(url: string): Promise<HeatmapResponse> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    const body = (await res.json()) as HeatmapResponse;
    if (!body.ratesPending) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: the heatmap never gave its full answer`);
}
