import type { HeatmapResponse } from "@/lib/schemas/failures";

const KIND: Record<HeatmapResponse["verdict"]["kind"], { words: string; tone: string }> = {
  concentrated: {
    words: "Node problem",
    tone: "border-red-400 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50",
  },
  spread: {
    words: "Job problem",
    tone: "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50",
  },
  none: {
    words: "No failures",
    tone: "border-emerald-400 bg-emerald-50 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50",
  },
};

/** The answer to "bad node or bad job?", first and in words: the kind, then the server's sentence. */
export function VerdictLine({ verdict }: { verdict: HeatmapResponse["verdict"] }) {
  const k = KIND[verdict.kind];
  return (
    <p data-testid="verdict" data-kind={verdict.kind} className={`rounded-md border-l-4 px-3 py-2 text-base ${k.tone}`}>
      <strong className="mr-2 font-semibold tracking-wide uppercase">
        {k.words} ({verdict.kind}):
      </strong>
      {verdict.text}
    </p>
  );
}
