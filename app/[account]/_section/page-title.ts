import type { Metadata } from "next";
import { shortId } from "@/lib/format";
import { decodeParams } from "@/lib/schemas/inputs";

type RawParams = Record<string, string | string[] | undefined>;
type Params = Record<string, string | undefined> & { path?: string[] };

/** A file's name from its path segments, decoded once (the segments arrive encoded, like ids). */
function fileName(path: string[] | undefined): string {
  const last = path?.at(-1) ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Tab titles name the thing first ("Node tvmps_…_d · prod-ingest · demo"), so the several tabs an incident
 * opens can be told apart; ids are cut to fit a tab. The text goes out as the document title, never as HTML.
 */
export function pageTitle(describe: (p: Params, file: string) => string) {
  return async ({ params }: { params: Promise<RawParams> }): Promise<Metadata> => {
    const p = decodeParams(await params) as Params;
    return { title: `${describe(p, fileName(p.path))} · ${p.account ?? ""}` };
  };
}

export const short = (id: string | undefined) => shortId(id ?? "", 32);
