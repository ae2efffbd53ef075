import type { ReactNode } from "react";
import { NODE_ID_CUT, TruncatedId } from "@/components/ui/truncated-id";
import type { Diagnosis } from "@/lib/schemas/failures";
import { foldedSummary, foldNodes } from "./verdict-fold";

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
 * The whole id stays in the text (find in page, copy, the tests' exact text) and in the title. A node the
 * diagnosis names (`named`) is marked, at its first mention, as that node (`diagnosis-node`): the line
 * under the sentence then need not repeat it.
 */
export function WithShortIds({ text, ids, named }: { text: string; ids: readonly string[]; named?: readonly Named[] }): ReactNode {
  const known = [...new Set(ids)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (known.length === 0) return text;
  const parts = text.split(new RegExp(`(${known.map(escape).join("|")})`));
  const marked = new Set<string>();
  return parts.map((p, i) => {
    if (i % 2 === 0) return p;
    const id = <TruncatedId id={p} {...NODE_ID_CUT} className="font-mono" />;
    const node = named?.find((n) => n.nodeId === p);
    if (!node || marked.has(p)) return <span key={i}>{id}</span>;
    marked.add(p);
    return (
      <span key={i} data-testid="diagnosis-node" data-node-id={p} data-handled={node.handled ?? ""}>
        {id}
      </span>
    );
  });
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
 * The nodes the diagnosis names, short, and every node's evidence folded under them. The sentence above
 * (`text`) names most of them already, so the line names by id only those it does not (the first few, each
 * `diagnosis-node`, then "and N more"). Folded by default, so the verdict keeps its height whatever the
 * count; the nodes named nowhere above are `diagnosis-node` in the folded list, so each named node is one
 * such element.
 */
export function VerdictNodes({ nodes, text }: { nodes: readonly Named[]; text: string }) {
  const f = foldNodes(
    nodes.map((n) => n.nodeId),
    text,
    SHOWN_NODES,
  );
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const named = new Set([...f.inText, ...f.shown]);
  return (
    <details className="text-sm" data-testid="diagnosis-nodes">
      <summary className="cursor-pointer" data-testid="diagnosis-nodes-summary">
        <span className={f.shown.length > 0 ? "mr-1" : "underline"}>{foldedSummary(f)}</span>
        {f.shown.map((id, i) => (
          <span key={id}>
            {i > 0 && ", "}
            <NodeChip n={byId.get(id)!} />
          </span>
        ))}
        {f.more.length > 0 && <span> and {f.more.length} more</span>}
        {f.shown.length > 0 && <span className="ml-2 underline">why</span>}
      </summary>
      {nodes.length > 1 && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400" data-testid="diagnosis-nodes-order">
          Strongest evidence first: the node least likely to fail so often by chance, given how its jobs fail on the rest of the pool. The grid sorts by count.
        </p>
      )}
      <ul className="mt-1 space-y-0.5" aria-label="Nodes named by the diagnosis">
        {nodes.map((n) => (
          <NodeDetail key={n.nodeId} n={n} testId={named.has(n.nodeId) ? "diagnosis-node-detail" : "diagnosis-node"} />
        ))}
      </ul>
    </details>
  );
}
