/**
 * A short Markdown summary for an incident ticket: what, where, how many, which categories, and the link
 * (pinned to absolute times, so it shows the same evidence next week).
 *
 * Everything but the link is untrusted text (task and node ids, Batch's error messages, verdicts built
 * from them) and is escaped, so it reads in the ticket exactly as Batch sent it and can add no link,
 * image, heading, table, code span or HTML there.
 */
export interface TicketSummary {
  title: string;
  link: string;
  window?: { from: number; to: number };
  facts: [string, string][];
  categories?: { category: string; count: number }[];
  verdict?: string;
}

/**
 * Text that Markdown (CommonMark and GitHub's flavour) shows as written. Line breaks become spaces, so a
 * value cannot start a line of its own (a heading, a list, a table row, a fence). A backslash escapes
 * the punctuation that opens anything inline: code, emphasis, links and images, HTML and entities,
 * table cells, strikethrough. An underscore inside a word (tvmps_3f_d) opens nothing and stays bare,
 * so ids read as ids.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[\\`*[\]<>&|~!#]/g, "\\$&")
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_");
}

/** The link's target: characters that would end it or break out of it are percent-encoded. */
const linkTarget = (url: string) => url.replace(/[\s()<>[\]\\`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

export function ticketMarkdown(s: TicketSummary): string {
  const e = escapeMarkdown;
  const lines = [`**${e(s.title)}**`, ""];
  if (s.window) lines.push(`- Window: ${new Date(s.window.from).toISOString()} – ${new Date(s.window.to).toISOString()} (UTC)`);
  for (const [k, v] of s.facts) lines.push(`- ${e(k)}: ${e(v)}`);
  if (s.verdict) lines.push(`- Verdict: ${e(s.verdict)}`);
  if (s.categories && s.categories.length > 0) lines.push(`- Failures by category: ${s.categories.map((c) => `${e(c.category)} ${c.count}`).join(", ")}`);
  lines.push("", `[Open in Batchscope](${linkTarget(s.link)})`);
  return lines.join("\n");
}
