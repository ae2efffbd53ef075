import { describe, expect, it } from "vitest";
import { escapeMarkdown, ticketMarkdown } from "./ticket";

const LINK = "https://dash.example.com/prod/jobs/etl/tasks/t1?from=2026-11-27T10%3A00%3A00.000Z";

/** What a ticket system would take for Markdown syntax outside escapes, with escaped characters removed. */
const unescaped = (md: string) => md.replace(/\\[\\`*_[\]<>&|~!#]/g, "");

describe("ticketMarkdown", () => {
  const hostile = {
    id: "t1](https://evil.example/x) ![img](https://evil.example/p.png)",
    message: "failed\n# Heading\n| a | b |\n|---|---|\n<img src=x onerror=alert(1)> `code` **bold** ~~gone~~ &amp; _em_",
  };
  const md = ticketMarkdown({
    title: `Task ${hostile.id} in job etl`,
    link: LINK,
    facts: [
      ["Task", `etl / ${hostile.id}`],
      ["Failure code", `BlobNotFound: ${hostile.message}`],
    ],
    verdict: "[click](javascript:alert(1))",
    categories: [{ category: "<b>x</b>", count: 2 }],
  });
  const body = md.slice(0, md.lastIndexOf("\n[Open in Batchscope]"));

  it("adds no link, image, HTML, code span, emphasis or table from untrusted text", () => {
    const bare = unescaped(body);
    expect(bare).not.toMatch(/[[\]<>`|~!&]/);
    // The only emphasis is the title's own bold.
    expect(bare.match(/\*/g)).toHaveLength(4);
    expect(bare).not.toMatch(/(^|\W)_|_($|\W)/);
  });

  it("keeps every value on its own list line: no heading, table row or block starts inside one", () => {
    const lines = md.split("\n");
    expect(lines[0]).toMatch(/^\*\*Task /);
    expect(lines.slice(2, -2).every((l) => l.startsWith("- "))).toBe(true);
    expect(md).toContain("- Verdict: \\[click\\](javascript:alert(1))");
    expect(lines.filter((l) => /^#|^\|/.test(l))).toEqual([]);
  });

  it("still reads as the text Batch sent, and ids keep their inner underscores", () => {
    expect(md).toContain("- Failure code: BlobNotFound: failed \\# Heading \\| a \\| b \\|");
    expect(ticketMarkdown({ title: "Node tvmps_3f_d", link: LINK, facts: [["Exit code", "0xC000013A STATUS_CONTROL_C_EXIT"]] })).toContain(
      "- Exit code: 0xC000013A STATUS_CONTROL_C_EXIT",
    );
  });

  it("ends with the one link, whose target cannot be broken out of", () => {
    expect(md.trim().endsWith(`[Open in Batchscope](${LINK})`)).toBe(true);
    const tricky = ticketMarkdown({ title: "x", link: "https://d/x?q=a) [b](https://evil", facts: [] });
    expect(tricky.trim().split("\n").pop()).toBe("[Open in Batchscope](https://d/x?q=a%29%20%5Bb%5D%28https://evil)");
  });

  it("puts a snapshot's link under the live one, when there is one", () => {
    const withSnapshot = ticketMarkdown({ title: "x", link: LINK, snapshot: "https://d/acct/snapshots/Ab_9-x", facts: [] });
    expect(withSnapshot.trim().split("\n").slice(-3)).toEqual([
      `[Open in Batchscope](${LINK})`,
      "",
      "Snapshot: [https://d/acct/snapshots/Ab_9-x](https://d/acct/snapshots/Ab_9-x)",
    ]);
    expect(ticketMarkdown({ title: "x", link: LINK, facts: [] })).not.toContain("Snapshot:");
  });
});

describe("escapeMarkdown", () => {
  it("leaves ordinary ids and messages as they are", () => {
    expect(escapeMarkdown("etl-pool / tvm-1_2 exited with code 1.")).toBe("etl-pool / tvm-1_2 exited with code 1.");
  });
});
