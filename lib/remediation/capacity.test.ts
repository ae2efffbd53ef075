import { describe, expect, it } from "vitest";
import { capacityAfterRemoval, capacityNote, keepCapacityLabel, targetDropLines, targetsAfterRemoval } from "./capacity";

const dedicated = { dedicated: true };

describe("what a removal does to the pool's size", () => {
  it("removing 3 dedicated nodes of 100 drops the dedicated target to 97", () => {
    const after = targetsAfterRemoval({ dedicated: 100, lowPriority: 0 }, [dedicated, dedicated, dedicated]);
    expect(after).toEqual({ dedicated: 97, lowPriority: 0 });
    expect(targetDropLines({ dedicated: 100, lowPriority: 0 }, after)).toEqual(["The pool's dedicated target drops: 100 → 97."]);
  });

  it("a Spot node lowers the low-priority target; a node of unknown kind counts as dedicated", () => {
    const after = targetsAfterRemoval({ dedicated: 10, lowPriority: 5 }, [{ dedicated: false }, {}]);
    expect(after).toEqual({ dedicated: 9, lowPriority: 4 });
    expect(targetDropLines({ dedicated: 10, lowPriority: 5 }, after)).toHaveLength(2);
  });

  it("never goes below zero", () => {
    expect(targetsAfterRemoval({ dedicated: 1, lowPriority: 0 }, [dedicated, dedicated])).toEqual({ dedicated: 0, lowPriority: 0 });
  });

  it("the checkbox names the target it restores; the note never promises the pool grows back by itself", () => {
    expect(keepCapacityLabel({ dedicated: 100, lowPriority: 0 })).toBe("Keep capacity: resize the pool back to 100 after the removal");
    expect(keepCapacityLabel({ dedicated: 4, lowPriority: 2 })).toBe(
      "Keep capacity: resize the pool back to 4 dedicated and 2 Spot/low-priority after the removal",
    );
    expect(capacityNote({ dedicated: 100, lowPriority: 0 }, false)).toMatch(/does not add nodes back by itself/);
    expect(capacityNote({ dedicated: 100, lowPriority: 0 }, true)).toMatch(/resizes it back to 100/);
    expect(capacityNote({ dedicated: 100, lowPriority: 0 }, false)).not.toMatch(/grow back/);
  });
});

describe("the resize back", () => {
  it("restores the targets from before the removal", () => {
    expect(capacityAfterRemoval({ dedicated: 100, lowPriority: 0 }, { dedicated: 97, lowPriority: 0 })).toEqual({ dedicated: 100, lowPriority: 0 });
  });
  it("never shrinks a pool grown meanwhile, and sends nothing when the targets are already there", () => {
    expect(capacityAfterRemoval({ dedicated: 100, lowPriority: 5 }, { dedicated: 97, lowPriority: 8 })).toEqual({ dedicated: 100, lowPriority: 8 });
    expect(capacityAfterRemoval({ dedicated: 100, lowPriority: 0 }, { dedicated: 100, lowPriority: 0 })).toBeUndefined();
  });
});
