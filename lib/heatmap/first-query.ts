import { windowQuery } from "@/lib/schemas/inputs";
import { DEFAULT_WINDOW, HEATMAP_BUCKETS, type RelativeWindow } from "./window";

type Search = Record<string, string | string[] | undefined>;

/**
 * The heatmap query a pool page's URL makes the browser ask for, when the server can know it: a relative
 * window (the URL's, else the default) with the browser's bucket count. None for a pinned window
 * (`from`/`to`), a signature filter (`sig`) or a window the browser would not read as given: the server
 * then hands no first answer, and a link never shows another window's (docs/diagnosis.md "Failures first").
 */
export function firstHeatmapQuery(search: Search): { window: RelativeWindow; buckets: number } | undefined {
  if (search.from !== undefined || search.to !== undefined || search.sig !== undefined) return undefined;
  if (search.window !== undefined && typeof search.window !== "string") return undefined;
  const w = windowQuery.safeParse({ window: search.window });
  if (!w.success) return undefined;
  return { window: w.data.window ?? DEFAULT_WINDOW, buckets: HEATMAP_BUCKETS };
}
