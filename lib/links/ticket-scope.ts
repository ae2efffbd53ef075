/**
 * The ticket's parts for a pool or a job, read from the heatmap response: the diagnosis when the server
 * sends it (docs/diagnosis.md), else the older verdict and the heatmap's rows, so the ticket never lacks a
 * verdict or the worst nodes. Pure: the toolbars call it with what their queries hold.
 */
import type { AuditRecord } from "@/lib/schemas/audit";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import type { TicketAction, TicketJob, TicketNode, TicketVerdict } from "./ticket-sections";

export interface ScopeTicketParts {
  verdict: TicketVerdict;
  nodes: TicketNode[];
  jobs: TicketJob[];
}

/** How many nodes a ticket names when the verdict names none. */
const WORST_NODES = 5;

export function scopeTicketParts(h: HeatmapResponse): ScopeTicketParts {
  const d = h.diagnosis;
  const verdict: TicketVerdict = d ? { headline: d.headline, text: d.text } : { text: h.verdict.text };
  const nodes: TicketNode[] = d
    ? d.nodes.map((n) => ({
        nodeId: n.nodeId,
        failures: n.failures,
        ...(n.completed !== undefined ? { completed: n.completed } : {}),
        ...(n.failureRate !== undefined ? { failureRate: n.failureRate } : {}),
        exitCodes: n.exitCodes,
        ...(n.handled ? { handled: n.handled } : {}),
      }))
    : worstRows(h);
  const jobs: TicketJob[] = d
    ? d.jobs.map((j) => ({
        jobId: j.jobId,
        failures: j.failures,
        completed: j.completed,
        nodesWithFailures: j.nodesWithFailures,
        ...(d.nodes.length > 0
          ? {
              healthy: {
                namedNodes: d.nodes.length,
                failures: j.failuresElsewhere,
                ...(j.completedElsewhere !== undefined ? { completed: j.completedElsewhere } : {}),
                ...(j.nodesElsewhere !== undefined ? { nodes: j.nodesElsewhere } : {}),
              },
            }
          : {}),
      }))
    : (h.byJob ?? []).map((j) => ({ jobId: j.jobId, failures: j.failures }));
  return { verdict, nodes, jobs };
}

/** Without a diagnosis: the verdict's top nodes first, then the rows with the most failures. */
function worstRows(h: HeatmapResponse): TicketNode[] {
  const byId = new Map(h.rows.map((r) => [r.nodeId, r]));
  const top = h.verdict.topNodes.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const rest = h.rows
    .filter((r) => r.failures > 0 && !h.verdict.topNodes.includes(r.nodeId))
    .sort((a, b) => b.failures - a.failures || a.nodeId.localeCompare(b.nodeId));
  return [...top, ...rest].slice(0, Math.max(WORST_NODES, top.length)).map((r) => ({
    nodeId: r.nodeId,
    failures: r.failures,
    ...(r.completed !== undefined ? { completed: r.completed } : {}),
    ...(r.failureRate !== undefined ? { failureRate: r.failureRate } : {}),
    ...(r.gone ? { handled: "removed" } : {}),
  }));
}

/**
 * The audit log's records on the named nodes as ticket lines, newest first, each linking to its record.
 * `describe` words the action (the audit page's own wording); `recordUrl` is the record's absolute address.
 */
export function ticketActions(
  records: readonly AuditRecord[],
  nodeIds: readonly string[],
  describe: (r: AuditRecord) => string,
  recordUrl: (id: string) => string,
): TicketAction[] {
  const wanted = new Set(nodeIds);
  return records
    .filter((r) => wanted.has(r.nodeId))
    .map((r) => ({ time: r.time, text: describe(r), nodeId: r.nodeId, actor: r.actor, outcome: r.outcome, link: recordUrl(r.id) }));
}
