import { describe, expect, it } from "vitest";
import { OrderedCollection } from "./ordered";

const collect = (c: OrderedCollection<string>, limit: number, match: (v: string) => boolean = () => true) => {
  const seen: string[] = [];
  let after = 0;
  for (;;) {
    const page = c.page(after, limit, match);
    seen.push(...page.items);
    if (!page.more) return seen;
    after = page.lastSeq;
  }
};

describe("OrderedCollection", () => {
  it("looks ids up case-insensitively but keeps their case", () => {
    const c = new OrderedCollection<string>();
    c.add("Pool-A", "Pool-A");
    expect(c.get("pool-a")).toBe("Pool-A");
    expect(() => c.add("POOL-A", "x")).toThrow(/duplicate/);
  });

  it("pages through every item exactly once, in insertion order", () => {
    const c = new OrderedCollection<string>();
    for (let i = 0; i < 50; i++) c.add(`t${i}`, `t${i}`);
    expect(collect(c, 7)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
  });

  it("resumes after the last item returned even when items are deleted or added between pages", () => {
    const c = new OrderedCollection<string>();
    for (let i = 0; i < 10; i++) c.add(`t${i}`, `t${i}`);
    const first = c.page(0, 4, () => true);
    expect(first.items).toEqual(["t0", "t1", "t2", "t3"]);
    c.delete("t1");
    c.delete("t4");
    c.add("t10", "t10");
    const rest = c.page(first.lastSeq, 100, () => true);
    expect(rest.items).toEqual(["t5", "t6", "t7", "t8", "t9", "t10"]);
  });

  it("applies the predicate before counting the page size", () => {
    const c = new OrderedCollection<string>();
    for (let i = 0; i < 30; i++) c.add(`t${i}`, `t${i}`);
    expect(collect(c, 2, (v) => Number(v.slice(1)) % 10 === 0)).toEqual(["t0", "t10", "t20"]);
  });

  it("stays correct after compaction of many deletions", () => {
    const c = new OrderedCollection<string>();
    for (let i = 0; i < 400; i++) c.add(`t${i}`, `t${i}`);
    for (let i = 0; i < 400; i += 2) c.delete(`t${i}`);
    expect(c.size).toBe(200);
    expect(collect(c, 33)).toEqual(Array.from({ length: 200 }, (_, i) => `t${2 * i + 1}`));
    expect(c.values()).toHaveLength(200);
  });
});
