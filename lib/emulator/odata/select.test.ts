import { describe, it, expect } from "vitest";
import { ODataError } from "./filter";
import { applySelect, parseSelect } from "./select";

const TASK_FIELDS: ReadonlySet<string> = new Set(["id", "state", "executionInfo", "stats", "url"]);

const task = {
  id: "t1",
  state: "completed",
  url: "https://x/jobs/j/tasks/t1",
  executionInfo: { exitCode: 3, result: "failure", retryCount: 0 },
};

describe("parseSelect", () => {
  it("returns undefined (everything) when absent or blank", () => {
    expect(parseSelect(undefined, TASK_FIELDS)).toBeUndefined();
    expect(parseSelect("  ", TASK_FIELDS)).toBeUndefined();
  });

  it("splits on commas and trims", () => {
    expect([...(parseSelect(" id ,state,  stats", TASK_FIELDS) ?? [])]).toEqual(["id", "state", "stats"]);
  });

  it("accepts nested paths under an allowed top-level name", () => {
    expect([...(parseSelect("id,executionInfo/exitCode", TASK_FIELDS) ?? [])]).toEqual(["id", "executionInfo/exitCode"]);
  });

  it.each([
    ["id,bogus", /Unknown property 'bogus'/],
    ["Id", /Unknown property 'Id'/],
    ["bogus/exitCode", /Unknown property 'bogus'/],
    ["id,,state", /Empty property name/],
    ["id,", /Empty property name/],
    ["executionInfo/", /Empty property name/],
  ])("rejects %s", (select, message) => {
    let error: unknown;
    try {
      parseSelect(select, TASK_FIELDS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).parameter).toBe("$select");
    expect((error as ODataError).value).toBe(select);
    expect((error as ODataError).message).toMatch(message);
  });
});

describe("applySelect", () => {
  const select = (s: string) => applySelect(task, parseSelect(s, TASK_FIELDS));

  it("returns the item untouched without a selection", () => {
    expect(applySelect(task, undefined)).toBe(task);
  });

  it("keeps only the selected top-level properties, whole sub-objects included", () => {
    expect(select("id,executionInfo")).toEqual({ id: "t1", executionInfo: task.executionInfo });
  });

  it("omits selected properties the item lacks", () => {
    expect(select("id,stats")).toEqual({ id: "t1" });
  });

  it("narrows a nested path to that key inside its parent", () => {
    expect(select("id, executionInfo/exitCode")).toEqual({ id: "t1", executionInfo: { exitCode: 3 } });
    expect(select("executionInfo/exitCode,executionInfo/result")).toEqual({
      executionInfo: { exitCode: 3, result: "failure" },
    });
  });

  it("lets a whole parent win over a nested path", () => {
    expect(select("executionInfo/exitCode,executionInfo")).toEqual({ executionInfo: task.executionInfo });
  });

  it("keeps an existing parent even when the nested key is absent, and drops a missing parent", () => {
    expect(applySelect({ id: "a", executionInfo: {} }, parseSelect("executionInfo/exitCode", TASK_FIELDS))).toEqual({
      executionInfo: {},
    });
    expect(applySelect({ id: "a" }, parseSelect("id,executionInfo/exitCode", TASK_FIELDS))).toEqual({ id: "a" });
  });

  it("does not modify the item", () => {
    select("executionInfo/exitCode");
    expect(task.executionInfo).toEqual({ exitCode: 3, result: "failure", retryCount: 0 });
  });
});
