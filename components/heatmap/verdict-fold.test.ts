import { describe, expect, it } from "vitest";
import { foldedSummary, foldNodes } from "./verdict-fold";

describe("the folded line under the verdict", () => {
  const ids = ["tvm-1_a", "tvm-2_b", "tvm-3_c", "tvm-4_d", "tvm-5_e"];

  it("does not repeat the node ids the verdict's sentence already names", () => {
    const f = foldNodes(ids.slice(0, 3), "Nodes tvm-1_a, tvm-2_b and tvm-3_c fail most tasks. Take them out of service.", 3);
    expect(f).toEqual({ inText: ids.slice(0, 3), shown: [], more: [] });
    expect(foldedSummary(f)).toBe("Why these 3 nodes");
    expect(foldedSummary(foldNodes(["tvm-1_a"], "Node tvm-1_a fails.", 3))).toBe("Why this node");
  });

  it("names by id only the nodes the sentence leaves out, a few, then how many more", () => {
    const f = foldNodes(ids, "Nodes tvm-1_a and tvm-2_b fail most tasks, and 3 others.", 2);
    expect(f).toEqual({ inText: ids.slice(0, 2), shown: ["tvm-3_c", "tvm-4_d"], more: ["tvm-5_e"] });
    expect(foldedSummary(f)).toBe("Also 3 nodes:");
    const none = foldNodes(ids.slice(0, 2), "Two nodes fail most tasks.", 3);
    expect(none).toEqual({ inText: [], shown: ids.slice(0, 2), more: [] });
    expect(foldedSummary(none)).toBe("2 nodes:");
  });
});
