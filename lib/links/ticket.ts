/**
 * A short Markdown summary for an incident ticket: what, where, how many, which categories, and the link
 * (pinned to absolute times, so it shows the same evidence next week).
 */
export interface TicketSummary {
  title: string;
  link: string;
  window?: { from: number; to: number };
  facts: [string, string][];
  categories?: { category: string; count: number }[];
  verdict?: string;
}

export function ticketMarkdown(s: TicketSummary): string {
  const lines = [`**${s.title}**`, ""];
  if (s.window) lines.push(`- Window: ${new Date(s.window.from).toISOString()} – ${new Date(s.window.to).toISOString()} (UTC)`);
  for (const [k, v] of s.facts) lines.push(`- ${k}: ${v}`);
  if (s.verdict) lines.push(`- Verdict: ${s.verdict}`);
  if (s.categories && s.categories.length > 0) lines.push(`- Failures by category: ${s.categories.map((c) => `${c.category} ${c.count}`).join(", ")}`);
  lines.push("", `[Open in Batchscope](${s.link})`);
  return lines.join("\n");
}
