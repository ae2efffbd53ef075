import { describe, expect, it } from "vitest";
import { NODE_ACTIONS, TASK_OPTIONS } from "@/lib/schemas/remediation";
import { describeOption, filesFate, optionsFor, resolveOption, taskFate } from "./options";

describe("options per action", () => {
  it("reboot, reimage and remove take all four; disable has no retaineddata; enable takes none", () => {
    for (const a of ["reboot", "reimage", "remove"] as const) expect(optionsFor(a)).toEqual([...TASK_OPTIONS]);
    expect(optionsFor("disableScheduling")).toEqual(["requeue", "terminate", "taskcompletion"]);
    expect(optionsFor("enableScheduling")).toEqual([]);
  });

  it("no option means requeue where the action takes one, nothing for enable", () => {
    expect(resolveOption("reboot", undefined)).toEqual({ ok: true, option: "requeue" });
    expect(resolveOption("enableScheduling", undefined)).toEqual({ ok: true, option: undefined });
  });

  it("refuses an option the action does not take, naming the field", () => {
    const r = resolveOption("disableScheduling", "retaineddata");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^option: retaineddata .*requeue, terminate, taskcompletion/);
    const e = resolveOption("enableScheduling", "requeue");
    expect(!e.ok && e.message).toMatch(/^option: .*takes no option/);
    expect(resolveOption("remove", "retaineddata")).toEqual({ ok: true, option: "retaineddata" });
  });

  it("every action and option has its own sentence and task fate", () => {
    const sentences = new Set<string>();
    for (const a of NODE_ACTIONS) {
      for (const o of optionsFor(a)) {
        const s = describeOption(a, o);
        expect(s.length).toBeGreaterThan(20);
        sentences.add(s);
        expect(taskFate(a, o)).not.toBe("");
      }
    }
    // 4 options × 4 actions (reboot, reimage, remove, deallocate) + 3 for disable, all distinct: the dialog
    // never shows the same words for different effects.
    expect(sentences.size).toBe(19);
    expect(optionsFor("start")).toEqual([]);
    expect(describeOption("deallocate", "requeue")).toMatch(/deallocated/);
    expect(describeOption("disableScheduling", "requeue")).toMatch(/scheduling is enabled again/);
    expect(taskFate("reboot", "requeue")).toMatch(/requeue/);
    expect(taskFate("remove", "terminate")).toMatch(/not run again/);
  });

  it("says before a reimage or removal which logs are saved and that the rest are lost", () => {
    expect(filesFate("remove")).toMatch(/^Every file on the node .* goes with it\. .*5 most recently failed tasks.*cannot be read afterwards\.$/);
    expect(filesFate("reimage")).toMatch(/^A reimage wipes every file/);
    for (const a of ["reboot", "disableScheduling", "enableScheduling", "deallocate", "start"] as const) expect(filesFate(a)).toBeUndefined();
  });
});
