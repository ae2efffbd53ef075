import { describe, expect, it } from "vitest";
import { ERROR_CATEGORIES, NODE_STATES, wireBoolean, wireDate, wireEnum, wireInteger, wireIso, wireNumber, wireString } from "@/lib/schemas/wire-values";

describe("wireBoolean", () => {
  it.each([
    [true, true],
    [false, false],
    ["true", true],
    ["false", false],
    // What the real service sends in ocp-batch-file-isdirectory, and what ms-rest-js leaves as a string.
    ["True", true],
    ["False", false],
    ["FALSE", false],
    [" TRUE ", true],
    ["1", true],
    ["0", false],
    [1, true],
    [0, false],
  ])("%j reads as %j", (input, expected) => expect(wireBoolean(input)).toBe(expected));

  it.each([[undefined], [null], [""], ["yes please"], [2], [{}], ["Falsey"]])("%j is absent, never truthy", (input) => {
    expect(wireBoolean(input)).toBeUndefined();
  });
});

describe("wireEnum", () => {
  it.each([
    ["UserError", "usererror"],
    ["userError", "usererror"],
    ["USERERROR", "usererror"],
    ["servererror", "servererror"],
  ])("%j is the known value %j", (input, expected) => expect(wireEnum(input, ERROR_CATEGORIES)).toBe(expected));

  it("maps the SDK's camelCase and any other case onto the REST API's lowercase node states", () => {
    expect(wireEnum("startTaskFailed", NODE_STATES)).toBe("starttaskfailed");
    expect(wireEnum("WaitingForStartTask", NODE_STATES)).toBe("waitingforstarttask");
    expect(wireEnum("idle", NODE_STATES)).toBe("idle");
  });

  it("keeps a value it does not know as sent, so a new state stays visible", () => {
    expect(wireEnum("Hibernating", NODE_STATES)).toBe("Hibernating");
    expect(wireEnum(" SomethingNew ", ERROR_CATEGORIES)).toBe("SomethingNew");
  });

  it.each([[undefined], [null], [""], ["   "], [{}], [[]]])("%j is absent", (input) => expect(wireEnum(input, NODE_STATES)).toBeUndefined());

  it("shows a number it was given as its digits rather than crashing", () => expect(wireEnum(3, NODE_STATES)).toBe("3"));
});

describe("wireNumber and wireInteger", () => {
  it.each([
    [13, 13],
    ["13", 13],
    [" 13 ", 13],
    ["0", 0],
    ["-1073741510", -1073741510],
    ["1.5", 1.5],
    ["1e3", 1000],
  ])("wireNumber(%j) is %j", (input, expected) => expect(wireNumber(input)).toBe(expected));

  it.each([[undefined], [null], [""], ["13 bytes"], ["0x1F"], [Number.NaN], [Number.POSITIVE_INFINITY], [true], [{}]])("wireNumber(%j) is absent", (input) => {
    expect(wireNumber(input)).toBeUndefined();
  });

  it("wireInteger takes whole numbers only", () => {
    expect(wireInteger("137")).toBe(137);
    expect(wireInteger(-1)).toBe(-1);
    expect(wireInteger("1.5")).toBeUndefined();
    expect(wireInteger("abc")).toBeUndefined();
  });
});

describe("wireDate, wireIso and wireString", () => {
  it("reads Dates, ISO strings with Batch's 7-digit fractions, and HTTP dates", () => {
    expect(wireIso(new Date("2023-09-07T03:52:14.727Z"))).toBe("2023-09-07T03:52:14.727Z");
    expect(wireIso("2023-09-07T03:52:14.7272390Z")).toBe("2023-09-07T03:52:14.727Z");
    expect(wireIso("Thu, 07 Sep 2023 06:26:58 GMT")).toBe("2023-09-07T06:26:58.000Z");
  });

  it.each([[undefined], [null], [""], ["not a date"], [new Date(Number.NaN)], [42]])("wireDate(%j) is absent", (input) => {
    expect(wireDate(input)).toBeUndefined();
  });

  it("wireString keeps strings, shows numbers, drops the rest", () => {
    expect(wireString("x")).toBe("x");
    expect(wireString(12)).toBe("12");
    expect(wireString(null)).toBeUndefined();
    expect(wireString({ value: "x" })).toBeUndefined();
  });
});
