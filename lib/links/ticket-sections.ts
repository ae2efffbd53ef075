/**
 * The sections of a "Copy for ticket" summary, each a pure function from what the page read to Markdown lines.
 * Every value in them is untrusted (ids, Batch's messages, verdicts built from them, a task's stderr) and is
 * escaped, or, for stderr, fenced so that nothing inside can close the fence; links are ours and only
 * their targets are percent-encoded.
 */
import { stripAnsi } from "@/lib/logs/ansi";

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

/** A link's target: characters that would end it or break out of it are percent-encoded. */
export const linkTarget = (url: string) => url.replace(/[\s()<>[\]\\`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/** A Markdown link whose text and target are both safe. */
export const mdLink = (text: string, url: string) => `[${escapeMarkdown(text)}](${linkTarget(url)})`;

const e = escapeMarkdown;
const pct = (rate: number) => `${Math.round(rate * 100)}%`;

/** What the page concluded: the diagnosis's headline and text, or the older verdict's text. */
export interface TicketVerdict {
  headline?: string;
  text: string;
}

export interface TicketNode {
  nodeId: string;
  failures: number;
  completed?: number;
  failureRate?: number;
  exitCodes?: { exitCode: number | null; count: number }[];
  /** already out of service ("removed", "disabled" …) */
  handled?: string;
}

export interface TicketJob {
  jobId: string;
  /** failed tasks on every node in the window */
  failures: number;
  completed?: number;
  nodesWithFailures?: number;
  /** the same counts outside the nodes the verdict names (the numbers its sentence gives), when it names any */
  healthy?: { namedNodes: number; failures: number; completed?: number; nodes?: number };
}

/** One failure signature (the signatures list of the pool or job page): its line is a task's stderr, untrusted. */
export interface TicketSignature {
  category: string;
  code?: string;
  exitCode?: number;
  line: string;
  count: number;
  nodes: string[];
  newest?: boolean;
}

/** One action taken through the dashboard, from the audit log, with the address of its record. */
export interface TicketAction {
  time: string;
  text: string;
  nodeId: string;
  actor: string;
  outcome: string;
  link: string;
}

export interface TicketExcerpt {
  name: string;
  text: string;
  link?: string;
}

/** A section: its bold title and its lines (list items or a fenced block). Empty sections are left out. */
export interface Section {
  title: string;
  lines: string[];
}

/** The verdict as one list line: the diagnosis's headline and text, or the older verdict's text. */
export function verdictLine(v: TicketVerdict | undefined): string | undefined {
  if (!v || (!v.text && !v.headline)) return undefined;
  return `- Verdict: ${v.headline ? `${e(v.headline)}: ${e(v.text)}` : e(v.text)}`;
}

function exitCodesText(codes: TicketNode["exitCodes"]): string {
  if (!codes || codes.length === 0) return "";
  return `; exit codes ${codes
    .slice(0, 4)
    .map((c) => `${c.exitCode ?? "none"} ×${c.count}`)
    .join(", ")}`;
}

/** The worst nodes, each with its failures, rate and exit codes: what a ticket about a bad node needs. */
export function nodesSection(nodes: TicketNode[] | undefined, max = 10): Section | undefined {
  if (!nodes || nodes.length === 0) return undefined;
  const lines = nodes.slice(0, max).map((n) => {
    const of = n.completed !== undefined ? ` of ${n.completed} tasks` : "";
    const rate = n.failureRate !== undefined ? ` (${pct(n.failureRate)})` : "";
    const handled = n.handled ? `; already ${e(n.handled)}` : "";
    return `- ${e(n.nodeId)}: ${n.failures} failed${of}${rate}${exitCodesText(n.exitCodes)}${handled}`;
  });
  if (nodes.length > max) lines.push(`- … and ${nodes.length - max} more`);
  return { title: "Worst nodes", lines };
}

const nodesText = (n: number | undefined) => (n !== undefined ? ` on ${n} node${n === 1 ? "" : "s"}` : "");

/**
 * Failures split by job: one job failing everywhere reads differently from several jobs on the same nodes.
 * Each line says what its numbers count: the job's failures on every node, and where the verdict names bad
 * nodes, its failures outside them (the numbers the verdict's sentence gives), so the two never read as a
 * contradiction.
 */
export function jobsSection(jobs: TicketJob[] | undefined, max = 10): Section | undefined {
  if (!jobs || jobs.length === 0) return undefined;
  const lines = jobs.slice(0, max).map((j) => {
    const of = j.completed !== undefined ? ` of ${j.completed} completed` : "";
    const h = j.healthy;
    const healthy = h
      ? `; on healthy nodes (outside the ${h.namedNodes} named bad node${h.namedNodes === 1 ? "" : "s"}, as the verdict counts): ${h.failures} failed${h.completed !== undefined ? ` of ${h.completed}` : ""}${nodesText(h.nodes)}`
      : "";
    return `- ${e(j.jobId)}: ${j.failures} failed${of}${nodesText(j.nodesWithFailures)} in total${healthy}`;
  });
  if (jobs.length > max) lines.push(`- … and ${jobs.length - max} more jobs`);
  return { title: "Failures by job", lines };
}

export function categoriesLine(categories: { category: string; count: number }[] | undefined): string | undefined {
  if (!categories || categories.length === 0) return undefined;
  return `- Failures by category: ${categories.map((c) => `${e(c.category)} ${c.count}`).join(", ")}`;
}

/** The top signatures: the masked stderr line is quoted as escaped text (it is one line, never a block). */
export function signaturesSection(sigs: TicketSignature[] | undefined, max = 5): Section | undefined {
  if (!sigs || sigs.length === 0) return undefined;
  const lines = sigs.slice(0, max).map((s) => {
    const what = [s.category, s.code, s.exitCode !== undefined ? `exit ${s.exitCode}` : undefined].filter(Boolean).join(", ");
    const nodes = `${s.nodes.length} node${s.nodes.length === 1 ? "" : "s"}`;
    return `- ${s.count}× ${e(what)} on ${nodes}${s.newest ? " (new)" : ""}: ${e(s.line)}`;
  });
  return { title: "Top failure signatures", lines };
}

/** Lines worth quoting: escape sequences removed, blank lines and trailing spaces dropped, the last `n` kept. */
export function meaningfulTail(text: string, n = 10): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => stripAnsi(l.replace(/\r+$/, "")).trimEnd())
    .filter((l) => l.trim() !== "")
    .slice(-n);
}

/** A backtick fence longer than any run of backticks in the text (at least 3), so nothing inside closes it. */
export function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((r) => r.length)));
  return "`".repeat(Math.max(3, longest + 1));
}

/** A stderr excerpt: the file named, its last meaningful lines in a fenced block that cannot be broken out of. */
export function excerptSection(x: TicketExcerpt | undefined): Section | undefined {
  if (!x) return undefined;
  const lines = meaningfulTail(x.text);
  if (lines.length === 0) return undefined;
  const fence = fenceFor(lines);
  return {
    title: `Last ${lines.length} lines of ${e(x.name)}`,
    lines: [...(x.link ? [mdLink(`Open ${x.name}`, x.link)] : []), "", `${fence}text`, ...lines, fence],
  };
}

/** Actions taken on these nodes, newest first, each with the address of its audit record. */
export function actionsSection(actions: TicketAction[] | undefined, max = 10): Section | undefined {
  if (!actions || actions.length === 0) return undefined;
  const sorted = [...actions].sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, max);
  return {
    title: "Actions taken",
    lines: sorted.map((a) => `- ${e(a.time)}: ${e(a.text)} on ${e(a.nodeId)} by ${e(a.actor)}, ${e(a.outcome)} (${mdLink("audit record", a.link)})`),
  };
}

export function renderSections(sections: (Section | undefined)[]): string[] {
  return sections.filter((s): s is Section => s !== undefined).flatMap((s) => ["", `**${s.title}**`, "", ...s.lines]);
}
