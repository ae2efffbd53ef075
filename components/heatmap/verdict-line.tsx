import type { Diagnosis, HeatmapResponse } from "@/lib/schemas/failures";
import { VerdictNodes, WithShortIds } from "./verdict-nodes";

const TONE = {
  red: "border-red-400 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50",
  amber: "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50",
  blue: "border-sky-400 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-50",
  green: "border-emerald-400 bg-emerald-50 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50",
  grey: "border-slate-400 bg-slate-50 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-50",
};

/** Green only when nothing failed and no node is faulty: a pool whose nodes fail their start task is never all clear. */
function toneOf(d: Diagnosis): string {
  if (d.kind === "node" || d.kind === "both") return d.nodes.every((n) => n.handled) && d.kind === "node" ? TONE.amber : TONE.red;
  if (d.kind === "job") return TONE.amber;
  if (d.kind === "unsure") return TONE.blue;
  return d.nodeFaults.length > 0 ? TONE.amber : TONE.green;
}

/**
 * The answer to "bad node or bad job?", first and in words: the diagnosis' headline and sentence, the
 * nodes it names (a few by short id, their evidence folded; those already out of service marked so) and
 * the node faults. Every number here comes
 * from the server's one computation (docs/diagnosis.md).
 */
export function VerdictLine({ data }: { data: Pick<HeatmapResponse, "verdict" | "diagnosis"> }) {
  const d = data.diagnosis;
  if (!d) {
    const v = data.verdict;
    // A first answer (failures only): no verdict until the totals are read, rather than a wrong one.
    const tone = v.kind === "pending" ? TONE.grey : v.kind === "none" ? TONE.green : TONE.amber;
    return (
      <p data-testid="verdict" data-kind={v.kind} className={`rounded-md border-l-4 px-3 py-2 text-base ${tone}`}>
        {v.kind === "pending" && (
          <strong className="mr-2 font-semibold tracking-wide uppercase" data-testid="verdict-headline">
            Verdict pending:
          </strong>
        )}
        {v.text}
      </p>
    );
  }
  const ids = [...d.nodes.map((n) => n.nodeId), ...d.nodeFaults.flatMap((f) => f.nodes)];
  return (
    <div data-testid="verdict" data-kind={d.kind} className={`space-y-1 rounded-md border-l-4 px-3 py-2 text-base [overflow-wrap:anywhere] ${toneOf(d)}`}>
      <p>
        <strong className="mr-2 font-semibold tracking-wide uppercase" data-testid="verdict-headline">
          {d.headline}:
        </strong>
        <span data-testid="verdict-text">
          <WithShortIds text={d.text} ids={ids} named={d.nodes} />
        </span>
      </p>
      {d.nodes.length > 0 && <VerdictNodes nodes={d.nodes} text={d.text} />}
      {d.nodeFaults.length > 0 && (
        <ul className="list-disc pl-5 text-sm" aria-label="Node faults" data-testid="node-faults">
          {d.nodeFaults.map((f) => (
            <li key={f.kind + f.text} data-fault={f.kind}>
              <WithShortIds text={f.text} ids={f.nodes} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
