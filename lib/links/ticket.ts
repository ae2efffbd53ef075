/**
 * A Markdown summary for an incident ticket: what, where, how many, the verdict, the worst nodes with
 * their exit codes, the split by job, the top failure signatures, a stderr excerpt, the actions taken, and
 * the link (pinned to absolute times, so it shows the same evidence next week).
 *
 * Everything but our links is untrusted text (task and node ids, Batch's error messages, verdicts built
 * from them, a task's stderr) and is escaped or fenced (lib/links/ticket-sections.ts), so it reads in the
 * ticket exactly as Batch sent it and can add no link, image, heading, table, code span or HTML there.
 */
import {
  actionsSection,
  categoriesLine,
  escapeMarkdown,
  excerptSection,
  jobsSection,
  linkTarget,
  nodesSection,
  renderSections,
  signaturesSection,
  verdictLine,
  type TicketAction,
  type TicketExcerpt,
  type TicketJob,
  type TicketNode,
  type TicketSignature,
  type TicketVerdict,
} from "./ticket-sections";

export { escapeMarkdown } from "./ticket-sections";
export type { TicketAction, TicketExcerpt, TicketJob, TicketNode, TicketSignature, TicketVerdict } from "./ticket-sections";

export interface TicketSummary {
  title: string;
  link: string;
  /** A snapshot of the view (docs/snapshots.md): still shows the evidence after Batch has forgotten it. */
  snapshot?: string;
  window?: { from: number; to: number };
  facts: [string, string][];
  categories?: { category: string; count: number }[];
  /** The verdict's text alone (older callers), or headline and text. */
  verdict?: string | TicketVerdict;
  nodes?: TicketNode[];
  jobs?: TicketJob[];
  signatures?: TicketSignature[];
  stderr?: TicketExcerpt;
  actions?: TicketAction[];
}

export function ticketMarkdown(s: TicketSummary): string {
  const e = escapeMarkdown;
  const lines = [`**${e(s.title)}**`, ""];
  if (s.window) lines.push(`- Window: ${new Date(s.window.from).toISOString()} – ${new Date(s.window.to).toISOString()} (UTC)`);
  for (const [k, v] of s.facts) lines.push(`- ${e(k)}: ${e(v)}`);
  const verdict = verdictLine(typeof s.verdict === "string" ? { text: s.verdict } : s.verdict);
  if (verdict) lines.push(verdict);
  const categories = categoriesLine(s.categories);
  if (categories) lines.push(categories);
  lines.push(
    ...renderSections([nodesSection(s.nodes), jobsSection(s.jobs), signaturesSection(s.signatures), excerptSection(s.stderr), actionsSection(s.actions)]),
  );
  lines.push("", `[Open in Batchscope](${linkTarget(s.link)})`);
  if (s.snapshot) lines.push("", `Snapshot: [${escapeMarkdown(s.snapshot)}](${linkTarget(s.snapshot)})`);
  return lines.join("\n");
}
