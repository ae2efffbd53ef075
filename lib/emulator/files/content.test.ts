import { describe, expect, it } from "vitest";
import { fileSize, lastModifiedMs, readRange, type FileContent } from "./content";
import { readGeneratedLog } from "./generated-log";

describe("text and bytes", () => {
  it("measures bytes, not characters", () => {
    const content: FileContent = { kind: "text", text: "héllo 漢字\n" };
    expect(fileSize(content, 0)).toBe(14);
    expect(readRange(content, 1, 2, 0).toString("utf8")).toBe("é");
  });

  it("clamps the end to the size", () => {
    const content: FileContent = { kind: "bytes", data: new Uint8Array([1, 2, 3]) };
    expect([...readRange(content, 1, 99, 0)]).toEqual([2, 3]);
    expect(readRange(content, 3, 9, 0).length).toBe(0);
  });
});

describe("last modified", () => {
  const growing: FileContent = { kind: "generated", seed: 4, size: 10_000, style: "app", growth: { startMs: 1_000_000, bytesPerSecond: 1_000 } };

  it("moves with a growing file's size, and stops when it stops growing", () => {
    const laid = 1_000_000; // the scenario laid the file when it started writing it
    expect(lastModifiedMs(growing, laid, 1_004_000)).toBe(1_004_000);
    expect(lastModifiedMs(growing, laid, 1_007_500)).toBe(1_007_500);
    // 10,000 bytes at 1,000 a second: the last byte is written 10 s in, and the time stays there.
    expect(lastModifiedMs(growing, laid, 1_060_000)).toBe(1_010_000);
  });

  it("is the recorded time for a file that does not grow, never later than now", () => {
    const text: FileContent = { kind: "text", text: "done\n" };
    expect(lastModifiedMs(text, 5_000, 9_000)).toBe(5_000);
    expect(lastModifiedMs(text, 15_000, 9_000)).toBe(9_000);
    expect(lastModifiedMs(growing, 1_002_000, 999_000)).toBe(999_000);
  });
});

describe("generated", () => {
  it("reads the generator's bytes", () => {
    const content: FileContent = { kind: "generated", seed: 4, size: 50_000, style: "app" };
    expect(fileSize(content, 0)).toBe(50_000);
    expect(readRange(content, 100, 999, 0).equals(readGeneratedLog(4, "app", 50_000, 100, 999))).toBe(true);
  });

  it("grows over time without rewriting what is already visible", () => {
    const content: FileContent = {
      kind: "generated",
      seed: 4,
      size: 10_000,
      style: "ansi",
      growth: { startMs: 1000, bytesPerSecond: 2000 },
    };
    expect(fileSize(content, 0)).toBe(0);
    expect(fileSize(content, 2500)).toBe(3000);
    expect(fileSize(content, 60_000)).toBe(10_000);
    const early = readRange(content, 0, 9999, 2500);
    expect(early.length).toBe(3000);
    expect(readRange(content, 0, 2999, 60_000).equals(early)).toBe(true);
  });
});

describe("events", () => {
  const content: FileContent = {
    kind: "events",
    stream: "stdout",
    startMs: 10_000,
    events: [
      { atMs: 0, stream: "stdout", text: "start\n" },
      { atMs: 500, stream: "stderr", text: "warning\n" },
      { atMs: 2000, stream: "stdout", text: "naïve\n" },
      { atMs: 5000, stream: "stdout", text: "done\n" },
    ],
  };

  it("shows only this stream's events written by now", () => {
    expect(fileSize(content, 9999)).toBe(0);
    expect(fileSize(content, 10_000)).toBe(6);
    expect(readRange(content, 0, 100, 12_000).toString("utf8")).toBe("start\nnaïve\n");
    expect(readRange(content, 0, 100, 20_000).toString("utf8")).toBe("start\nnaïve\ndone\n");
  });

  it("reads ranges that span event boundaries", () => {
    expect(readRange(content, 3, 9, 20_000).toString("utf8")).toBe("rt\nnaï");
    expect(readRange(content, 14, 14, 20_000).toString("utf8")).toBe("o");
  });
});
