import { describe, expect, it } from "vitest";
import { MAX_ACTION_NODES, previewQuery } from "@/lib/schemas/remediation";

const realId = (i: number) => `tvmps_${i.toString(16).padStart(64, "0")}_d`;

describe("previewQuery accepts the node ids the service makes", () => {
  it("a full selection of 72-character VM-pool node ids", () => {
    const ids = Array.from({ length: MAX_ACTION_NODES }, (_, i) => realId(i));
    expect(ids[0]).toHaveLength(72);
    const parsed = previewQuery.safeParse({ nodes: ids.join(",") });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.nodes).toHaveLength(MAX_ACTION_NODES);
  });

  it("still refuses more than the maximum", () => {
    const ids = Array.from({ length: MAX_ACTION_NODES + 1 }, (_, i) => realId(i));
    expect(previewQuery.safeParse({ nodes: ids.join(",") }).success).toBe(false);
  });
});
