import { describe, expect, it } from "vitest";
import { freezeView, parseView } from "@/lib/snapshots/view";
import { captureView, type ReadApi } from "./capture";

const NOW = Date.parse("2026-12-03T04:00:00.000Z");
const json = (status: number, value: unknown) => ({
  status,
  headers: new Headers({ "content-type": "application/json" }),
  bytes: new TextEncoder().encode(JSON.stringify(value)),
});

/** A stand-in for the read routes (the real ones run in tests/integration/routes/snapshots.test.ts): a pool with 3 failing cells, 2 tasks each. */
const reader =
  (tail: string): ReadApi =>
  async (path) => {
    const url = new URL(path, "http://x");
    if (url.pathname.endsWith("/heatmap"))
      return json(200, {
        edges: [0, 10, 20],
        rows: [{ nodeId: "n1" }, { nodeId: "n2" }],
        counts: [2, 0, 5, 1],
        verdict: { text: "", topNodes: [] },
        byJob: [],
      });
    if (url.pathname.endsWith("/heatmap/cell")) {
      const n = url.searchParams.get("nodeId")!;
      const at = url.searchParams.get("cellFrom")!;
      return json(200, {
        groups: [{ category: "Application", tasks: [1, 2].map((i) => ({ jobId: "j", taskId: `${n}-${Date.parse(at)}-${i}`, endTime: 1 })) }],
      });
    }
    if (url.pathname.endsWith("/stderr.txt")) {
      const bytes = new TextEncoder().encode(tail);
      return { status: 200, headers: new Headers({ "x-range-start": "10", "x-file-size": String(10 + bytes.length) }), bytes };
    }
    return json(200, { ok: path });
  };

describe("captureView", () => {
  const v = parseView("demo", "/demo/pools/p");
  const frozen = freezeView(v, NOW);

  it("stores the view's reads, the cells' lists, the tasks' pages and their stderr as redacted 206 slices", async () => {
    const got = await captureView(v, frozen, reader("connecting with password=hunter2\nKeyError: 'x'\n"));
    const keys = Object.keys(got.answers);
    expect(keys.filter((k) => k.includes("/heatmap/cell"))).toHaveLength(3);
    const tails = keys.filter((k) => k.endsWith("/files/stderr.txt"));
    expect(tails).toHaveLength(6);
    const tail = got.answers[tails[0]!]!;
    const text = Buffer.from(tail.body, "base64").toString("utf8");
    expect(text).not.toContain("hunter2");
    expect(text).toContain("KeyError");
    expect(tail).toMatchObject({ status: 206, encoding: "base64", headers: { "content-range": `bytes 10-${9 + Buffer.byteLength(text)}/${10 + 47}` } });
    expect(got.cut).toEqual([]);
    expect(got.sizeBytes).toBe(Object.values(got.answers).reduce((n, a) => n + a.body.length, 0));
  });

  it("stops the evidence at the bound and says what was left out", async () => {
    const big = "x".repeat(30_000);
    const got = await captureView(v, frozen, reader(big), 100_000);
    expect(got.sizeBytes).toBeLessThanOrEqual(100_000);
    expect(got.cut).toEqual([expect.stringMatching(/^stderr tails of \d+ of 6 failed tasks$/)]);
    expect(Object.keys(got.answers)).toContain("/api/accounts/demo/pools/p");
  });
});
