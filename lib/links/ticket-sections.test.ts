import { describe, expect, it } from "vitest";
import { ticketMarkdown } from "./ticket";
import { actionsSection, excerptSection, fenceFor, jobsSection, meaningfulTail, nodesSection, signaturesSection } from "./ticket-sections";
import { scopeTicketParts, ticketActions } from "./ticket-scope";
import { ticketSignatures } from "./ticket-signatures";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import type { AuditRecord } from "@/lib/schemas/audit";

const LINK = "https://dash.example.com/prod/pools/p1?from=2026-11-27T10%3A00%3A00.000Z";
const EVIL = "x](https://evil.example) ![i](https://evil.example/p.png) <b>hi</b> `code` # head | a |";
/** What a ticket system would take for Markdown syntax outside escapes, with escaped characters removed. */
const unescaped = (md: string) => md.replace(/\\[\\`*_[\]<>&|~!#]/g, "");

/** The text of the one fenced block of a ticket, if the fence is closed by the same fence. */
function fenced(md: string): { fence: string; body: string[] } | undefined {
  const lines = md.split("\n");
  const open = lines.findIndex((l) => /^`{3,}text$/.test(l));
  if (open < 0) return undefined;
  const fence = lines[open]!.replace(/text$/, "");
  // CommonMark: a closing fence is a run of at least as many backticks, alone on its line.
  const close = lines.findIndex((l, i) => i > open && new RegExp(`^ {0,3}\`{${fence.length},}\\s*$`).test(l));
  return { fence, body: lines.slice(open + 1, close) };
}

describe("the stderr excerpt", () => {
  it("keeps the last 10 meaningful lines: no blank lines, no escape sequences, no trailing spaces", () => {
    const text = Array.from({ length: 14 }, (_, i) => `line ${i + 1}  `).join("\n\n") + "\n\x1b[31mKeyError: 'x'\x1b[0m\r\n\n";
    const tail = meaningfulTail(text);
    expect(tail).toHaveLength(10);
    expect(tail[0]).toBe("line 6");
    expect(tail.at(-1)).toBe("KeyError: 'x'");
  });

  it("is fenced with more backticks than any run inside, so a hostile stderr cannot close the block", () => {
    const hostile = "Traceback (most recent call last):\n```\n# Heading\n[link](https://evil.example)\n`````\n<img src=x onerror=alert(1)>\n~~~\nValueError";
    const s = excerptSection({ name: "stderr.txt", text: hostile, link: "https://d/x/files/stderr.txt" })!;
    const md = ticketMarkdown({ title: "t", link: LINK, facts: [], stderr: { name: "stderr.txt", text: hostile } });
    const block = fenced(md)!;
    expect(block.fence).toBe("``````");
    expect(block.body).toEqual(meaningfulTail(hostile));
    expect(block.body.at(-1)).toBe("ValueError");
    // After the block, only our own lines: the link.
    expect(md.trim().split("\n").pop()).toBe(`[Open in Batchscope](${LINK})`);
    expect(s.lines[0]).toBe("[Open stderr.txt](https://d/x/files/stderr.txt)");
    expect(fenceFor(["no backticks"])).toBe("```");
  });

  it("is left out when stderr holds nothing meaningful", () => {
    expect(excerptSection({ name: "stderr.txt", text: "\n  \n\x1b[0m\n" })).toBeUndefined();
  });
});

describe("the pool's evidence", () => {
  const nodes = [
    {
      nodeId: "tvmps_a_d",
      failures: 12,
      completed: 14,
      failureRate: 12 / 14,
      exitCodes: [
        { exitCode: 137, count: 11 },
        { exitCode: null, count: 1 },
      ],
    },
    { nodeId: EVIL, failures: 1, handled: "removed" },
  ];

  it("lists the worst nodes with failures, rate and exit codes, escaping what Batch named", () => {
    const s = nodesSection(nodes)!;
    expect(s.lines[0]).toBe("- tvmps_a_d: 12 failed of 14 tasks (86%); exit codes 137 ×11, none ×1");
    expect(unescaped(s.lines[1]!)).not.toMatch(/[[\]<>`|!#]/);
    expect(s.lines[1]).toContain("already removed");
  });

  it("splits failures by job and lists the top signatures with their stderr line escaped", () => {
    expect(jobsSection([{ jobId: "etl", failures: 5, completed: 40, nodesWithFailures: 3 }])!.lines).toEqual([
      "- etl: 5 failed of 40 completed on 3 nodes in total",
    ]);
    const sigs = ticketSignatures({
      signatures: [
        { category: "Application", exitCode: 1, line: "KeyError: '<id>'", count: 3, nodes: ["n1"], newest: false },
        { category: "Application", exitCode: 137, line: EVIL, count: 9, nodes: ["n1", "n2"], newest: true },
      ],
    })!;
    const s = signaturesSection(sigs)!;
    expect(s.lines[0]).toMatch(/^- 9× Application, exit 137 on 2 nodes \(new\): /);
    expect(unescaped(s.lines.join("\n"))).not.toMatch(/[[\]<>`|!#]/);
    expect(ticketSignatures(undefined)).toBeUndefined();
  });
});

describe("the actions and the heatmap's parts", () => {
  it("lists the actions taken on those nodes, newest first, each with its audit record's link", () => {
    const rec = (id: string, nodeId: string, time: string): AuditRecord =>
      ({ id, nodeId, time, action: "remove", actor: "ann", outcome: "accepted", poolId: "p1" }) as AuditRecord;
    const actions = ticketActions(
      [rec("1", "tvmps_a_d", "2026-11-27T10:00:00Z"), rec("2", "other", "2026-11-27T10:01:00Z"), rec("3", "tvmps_a_d", "2026-11-27T10:05:00Z")],
      ["tvmps_a_d"],
      (r) => `Remove node${r.option ? ` (${r.option})` : ""}`,
      (id) => `https://d/prod/audit/${id})`,
    );
    const s = actionsSection(actions)!;
    expect(s.lines).toEqual([
      "- 2026-11-27T10:05:00Z: Remove node on tvmps_a_d by ann, accepted ([audit record](https://d/prod/audit/3%29))",
      "- 2026-11-27T10:00:00Z: Remove node on tvmps_a_d by ann, accepted ([audit record](https://d/prod/audit/1%29))",
    ]);
  });

  it("reads the diagnosis when the heatmap has one, else the verdict and the rows with the most failures", () => {
    const base = {
      rows: [
        { nodeId: "n1", state: "idle", gone: false, failures: 2, completed: 10, failureRate: 0.2 },
        { nodeId: "n2", state: "idle", gone: true, failures: 7, completed: 8, failureRate: 7 / 8 },
        { nodeId: "n3", state: "idle", gone: false, failures: 0 },
      ],
      verdict: { kind: "spread", text: "Failures are spread", topNodes: [], topShare: 0 },
      byJob: [{ jobId: "etl", failures: 9 }],
    } as unknown as HeatmapResponse;
    const old = scopeTicketParts(base);
    expect(old.verdict).toEqual({ text: "Failures are spread" });
    expect(old.nodes.map((n) => [n.nodeId, n.failures, n.handled])).toEqual([
      ["n2", 7, "removed"],
      ["n1", 2, undefined],
    ]);
    expect(old.jobs).toEqual([{ jobId: "etl", failures: 9 }]);
    const withDiagnosis = {
      ...base,
      diagnosis: {
        kind: "node",
        headline: "Node problem",
        text: "3 nodes fail most of their tasks",
        nodes: [
          { nodeId: "n2", failures: 7, completed: 8, failureRate: 0.875, exitCodes: [{ exitCode: 137, count: 7 }], jobs: [], state: "idle", reasons: [] },
        ],
        jobs: [{ jobId: "etl", failures: 9, completed: 50, nodesWithFailures: 2, failuresElsewhere: 2, completedElsewhere: 42, nodesElsewhere: 1 }],
        counts: { failures: 9, completed: 50, nodesWithFailures: 2, nodesActive: 3, nodesInPool: 3, unhealthyNodes: 1 },
        nodeFaults: [],
      },
    } as HeatmapResponse;
    const md = ticketMarkdown({ title: "Pool p1", link: LINK, facts: [], ...scopeTicketParts(withDiagnosis) });
    expect(md).toContain("- Verdict: Node problem: 3 nodes fail most of their tasks");
    expect(md).toContain("**Worst nodes**\n\n- n2: 7 failed of 8 tasks (88%); exit codes 137 ×7");
    // The verdict's numbers for a job are those outside its named nodes; the job's line gives both, each named
    // for what it counts (an operator read 194 and 187 for one job as a contradiction).
    expect(md).toContain(
      "**Failures by job**\n\n- etl: 9 failed of 50 completed on 2 nodes in total; on healthy nodes (outside the 1 named bad node, as the verdict counts): 2 failed of 42 on 1 node",
    );
  });
});
