import { describe, expect, it } from "vitest";
import { NODE_ORDER, nodeSearchText, type NodeSort, type NodeTableRow } from "./node-rows";

const row = (id: string, over: Partial<NodeTableRow> = {}): NodeTableRow => ({
  id,
  state: "idle",
  schedulingState: "enabled",
  failures: 0,
  runningTasks: 0,
  errorCodes: [],
  ...over,
});

/** As the table applies a sort: the comparator, reversed whole for a descending one. */
const order = (rows: NodeTableRow[], sort: NodeSort) => {
  const { compare, desc } = NODE_ORDER[sort];
  return [...rows].sort((a, b) => (desc ? -compare(a, b) : compare(a, b))).map((r) => r.id);
};

describe("node table order", () => {
  it("sorts ids naturally: _2 before _10", () => {
    expect(order([row("n_10"), row("n_2"), row("n_1"), row("n_100")], "id")).toEqual(["n_1", "n_2", "n_10", "n_100"]);
  });

  it("puts the most failures first, ties by rate then by id ascending", () => {
    const rows = [row("n_10", { failures: 3 }), row("n_2", { failures: 3 }), row("n_3", { failures: 3, failureRate: 0.5 }), row("n_1", { failures: 9 })];
    expect(order(rows, "failures")).toEqual(["n_1", "n_3", "n_2", "n_10"]);
  });

  it("puts states that need action first", () => {
    const rows = [row("a", { state: "idle" }), row("b", { state: "unusable" }), row("c", { state: "offline" }), row("d", { state: "starttaskfailed" })];
    expect(order(rows, "state")).toEqual(["b", "d", "c", "a"]);
  });

  it("searches ids, states and error codes", () => {
    expect(nodeSearchText(row("n_1", { errorCodes: ["DiskFull"] }))).toContain("DiskFull");
  });
});
