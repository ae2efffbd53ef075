import type { ReactNode } from "react";
import { NODE_ID_CUT, TruncatedId } from "@/components/ui/truncated-id";
import type { Diagnosis } from "@/lib/schemas/failures";

type Named = Diagnosis["nodes"][number];

const HANDLED: Record<NonNullable<Named["handled"]>, string> = {
  removed: "removed",
  disabled: "scheduling disabled",
  unusable: "unusable",
  starttaskfailed: "start task failed",
  offline: "offline",
};

/** How many named nodes the verdict shows by id before "and N more": the rest are one click away. */
export const SHOWN_NODES = 3;
/** How many of a node's jobs its line names before "and N more jobs". */
const SHOWN_JOBS = 4;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The diagnosis' words with each node id cut in the middle as everywhere else (docs/architecture.md "UI
 * kit"): a real id is 72 characters, and ten of them in a sentence pushed the heatmap off the first screen.
 * The whole id stays in the text (find in page, copy, the tests' exact text) and in the title.
 */
export function WithShortIds({ text, ids }: { text: string; ids: readonly string[] }): ReactNode {
  const known = [...new Set(ids)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (known.length === 0) return text;
  const parts = text.split(new RegExp(`(${known.map(escape).join("|")})`));
  return parts.map((p, i) => (i % 2 === 1 ? <TruncatedId key={i} id={p} {...NODE_ID_CUT} className="font-mono" /> : p));
}

function NodeChip({ n }: { n: Named }) {
  return (
    <span data-testid="diagnosis-node" data-node-id={n.nodeId} data-handled={n.handled ?? ""} className="font-mono font-medium">
      <TruncatedId id={n.nodeId} {...NODE_ID_CUT} />
      {n.handled && <span className="ml-1 rounded bg-white/60 px-1 font-sans text-xs font-medium dark:bg-black/30">already {HANDLED[n.handled]}</span>}
    </span>
  );
}

/** One node's evidence: why it was named and the jobs whose tasks failed on it. */
function NodeDetail({ n, testId }: { n: Named; testId: string }) {
  const more = n.jobs.length - SHOWN_JOBS;
  const allJobs = n.jobs.map((j) => `${j.jobId} (${j.count})`).join(", ");
  return (
    <li data-testid={testId} data-node-id={n.nodeId} data-handled={n.handled ?? ""}>
      <TruncatedId id={n.nodeId} {...NODE_ID_CUT} className="font-mono font-medium" />
      <span className="ml-2">{n.reasons.join("; ")}</span>
      {n.jobs.length > 0 && (
        <span className="ml-2" title={allJobs}>
          · jobs:{" "}
          {n.jobs
            .slice(0, SHOWN_JOBS)
            .map((j) => `${j.jobId} (${j.count})`)
            .join(", ")}
          {more > 0 && ` and ${more} more`}
        </span>
      )}
    </li>
  );
}

/**
 * The nodes the diagnosis names, short: the first few ids (each `diagnosis-node`), "and N more", and every
 * node's evidence folded under them. Folded by default, so the verdict keeps its height whatever the count
 * and the heatmap below it stays where it was drawn; the nodes past the first few are `diagnosis-node` in
 * the folded list, so each named node is one such element.
 */
export function VerdictNodes({ nodes }: { nodes: readonly Named[] }) {
  const more = nodes.length - SHOWN_NODES;
  return (
    <details className="text-sm" data-testid="diagnosis-nodes">
      <summary className="cursor-pointer">
        <span className="mr-1">{nodes.length === 1 ? "Node:" : `${nodes.length} nodes:`}</span>
        {nodes.slice(0, SHOWN_NODES).map((n, i) => (
          <span key={n.nodeId}>
            {i > 0 && ", "}
            <NodeChip n={n} />
          </span>
        ))}
        {more > 0 && <span> and {more} more</span>}
        <span className="ml-2 underline">why</span>
      </summary>
      <ul className="mt-1 space-y-0.5" aria-label="Nodes named by the diagnosis">
        {nodes.map((n, i) => (
          <NodeDetail key={n.nodeId} n={n} testId={i < SHOWN_NODES ? "diagnosis-node-detail" : "diagnosis-node"} />
        ))}
      </ul>
    </details>
  );
}
