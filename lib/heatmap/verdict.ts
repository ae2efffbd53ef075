import type { Diagnosis } from "@/lib/schemas/failures";
import type { HeatmapVerdict } from "./types";

/**
 * The older, shorter verdict, kept on the wire for readers that have not moved to the diagnosis: derived
 * from it, so the two never disagree. A node problem (alone or with a job problem) is "concentrated" on
 * the named nodes; a job problem or an unsure diagnosis is "spread" (no node to act on).
 */
export function verdictOf(d: Diagnosis): HeatmapVerdict {
  if (d.kind === "none") return { kind: "none", text: d.text, topNodes: [], topShare: 0 };
  const named = d.nodes.reduce((a, n) => a + n.failures, 0);
  const topShare = d.counts.failures > 0 ? named / d.counts.failures : 0;
  const kind = d.kind === "node" || d.kind === "both" ? "concentrated" : "spread";
  return { kind, text: `${d.headline}: ${d.text}`, topNodes: d.nodes.map((n) => n.nodeId), topShare };
}
