import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseSample, groupSignatures, taskKey, toSignatures, type FailedTask, type Tail } from "./signature";

const idOf = (text: string) => `id:${text}`;
const MIN = 60_000;

let seq = 0;
const task = (over: Partial<FailedTask> = {}): FailedTask => ({
  jobId: "ingest",
  taskId: `t-${++seq}`,
  nodeId: "node-1",
  endTime: 1_000 * MIN + seq,
  category: "Application",
  exitCode: 1,
  ...over,
});
const tailsOf = (entries: [FailedTask, Tail][]) => new Map(entries.map(([t, tail]) => [taskKey(t), tail]));
const line = (l: string): Tail => ({ kind: "line", line: l });
/** The window the tests' tasks ended in, unless a test says otherwise: the default task ends near its end. */
const WINDOW = { from: 0, to: 1_001 * MIN };
const signaturesOf = (tasks: FailedTask[], tails: Map<string, Tail>, window = WINDOW) => toSignatures(groupSignatures(tasks, tails, idOf), window);
/** Each task's stderr read, ending in its own line. */
const eachRead = (lines: [FailedTask, string][], window = WINDOW) =>
  signaturesOf(
    lines.map(([t]) => t),
    tailsOf(lines.map(([t, l]) => [t, line(l)])),
    window,
  );

describe("chooseSample", () => {
  it("reads every group's newest task before any group's second", () => {
    const common = Array.from({ length: 50 }, (_, i) => task({ nodeId: `node-${i % 5}`, endTime: 2_000 * MIN + i }));
    const rare = task({ nodeId: "node-73", exitCode: 137, endTime: 1_000 * MIN });
    const sample = chooseSample([...common, rare], 6);
    expect(sample).toHaveLength(6);
    expect(sample).toContain(rare);
    // the five common groups' newest, and the rare one
    expect(new Set(sample.map((t) => `${t.nodeId}|${t.exitCode}`)).size).toBe(6);
  });

  it("never reads more than asked, and skips tasks that never ran (no exit code, no stderr)", () => {
    const tasks = [...Array.from({ length: 30 }, () => task()), task({ exitCode: undefined, category: "PreProcessing", code: "BlobNotFound" })];
    const sample = chooseSample(tasks, 10);
    expect(sample).toHaveLength(10);
    expect(sample.every((t) => t.exitCode !== undefined)).toBe(true);
    expect(chooseSample(tasks, 500)).toHaveLength(30);
  });

  it("takes the newest first within a group", () => {
    const old = task({ endTime: 1 });
    const recent = task({ endTime: 2 });
    expect(chooseSample([old, recent], 1)).toEqual([recent]);
  });

  it("reads at most the limit, each task once, and every group when the limit allows", () => {
    const arb = fc.array(fc.record({ node: fc.integer({ min: 0, max: 8 }), exit: fc.constantFrom(1, 137, undefined), end: fc.nat({ max: 1000 }) }), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 40 }), (specs, max) => {
        const tasks = specs.map((s) => task({ nodeId: `n${s.node}`, exitCode: s.exit, endTime: s.end }));
        const sample = chooseSample(tasks, max);
        expect(sample.length).toBeLessThanOrEqual(max);
        expect(new Set(sample).size).toBe(sample.length);
        const groups = new Set(tasks.filter((t) => t.exitCode !== undefined).map((t) => `${t.nodeId}|${t.exitCode}`));
        if (groups.size <= max) expect(new Set(sample.map((t) => `${t.nodeId}|${t.exitCode}`)).size).toBe(groups.size);
      }),
    );
  });
});

describe("groupSignatures", () => {
  it("puts tasks that differ only in numbers and paths under one signature, with one example", () => {
    const a = task({ nodeId: "node-17" });
    const b = task({ nodeId: "node-42" });
    const tails = tailsOf([
      [a, line("OSError: [Errno 28] No space left on device: '/mnt/batch/tasks/a/wd/out.part'")],
      [b, line("OSError: [Errno 28] No space left on device: '/mnt/batch/tasks/b/wd/out.part'")],
    ]);
    const [s, ...rest] = signaturesOf([a, b], tails);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      line: "OSError: [Errno <n>] No space left on device: '<path>'",
      source: "stderr",
      count: 2,
      sampled: 2,
      nodes: ["node-17", "node-42"],
      jobs: ["ingest"],
      exitCode: 1,
      category: "Application",
    });
    // the newest task's own line is the example
    expect(s!.example).toContain("/tasks/b/");
    expect(s!.exampleTask?.taskId).toBe(b.taskId);
  });

  it("tells signatures apart by exit code and failure code as well as the line", () => {
    const a = task({ exitCode: 1 });
    const b = task({ exitCode: 2 });
    const c = task({ exitCode: 1, code: "FailureExitCode" });
    const tails = tailsOf([a, b, c].map((t) => [t, line("Error: boom")]));
    expect(signaturesOf([a, b, c], tails)).toHaveLength(3);
  });

  it("lends a read task's signature to the unread tasks of its group (category, code, exit code, node)", () => {
    const read = task({ nodeId: "node-73", exitCode: 137 });
    const unreadSameNode = task({ nodeId: "node-73", exitCode: 137 });
    const unreadOtherNode = task({ nodeId: "node-5", exitCode: 137 });
    const sigs = signaturesOf([read, unreadSameNode, unreadOtherNode], tailsOf([[read, line("Killed")]]));
    const killed = sigs.find((s) => s.line === "Killed")!;
    expect(killed).toMatchObject({ count: 2, sampled: 1, nodes: ["node-73"] });
    const unsampled = sigs.find((s) => s.source === "unsampled")!;
    expect(unsampled).toMatchObject({ line: "not sampled", count: 1, sampled: 0, exitCode: 137 });
    expect(unsampled.example).toBeUndefined();
  });

  it("says when stderr could not be read, is empty, or the task never ran", () => {
    const gone = task();
    const empty = task({ exitCode: 3 });
    const notRun = task({ exitCode: undefined, category: "PreProcessing", code: "BlobNotFound" });
    const sigs = signaturesOf(
      [gone, empty, notRun],
      tailsOf([
        [gone, { kind: "unavailable" }],
        [empty, { kind: "empty" }],
      ]),
    );
    expect(sigs.map((s) => [s.source, s.line]).sort()).toEqual([
      ["empty", "no stderr output"],
      ["notRun", "no stderr: the task did not run its command"],
      ["unavailable", "stderr not available"],
    ]);
    expect(sigs.find((s) => s.source === "notRun")).toMatchObject({ code: "BlobNotFound", category: "PreProcessing" });
  });

  it("gives every failed task exactly one signature", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ node: fc.nat(5), exit: fc.constantFrom(1, 2, undefined), read: fc.nat(3) }), { maxLength: 60 }), (specs) => {
        const tasks = specs.map((s) => task({ nodeId: `n${s.node}`, exitCode: s.exit }));
        const tails = tailsOf(
          tasks.flatMap((t, i): [FailedTask, Tail][] =>
            specs[i]!.read === 0 ? [] : [[t, specs[i]!.read === 1 ? line(`Error ${i}: bad`) : { kind: "unavailable" }]],
          ),
        );
        const sigs = signaturesOf(tasks, tails);
        expect(sigs.reduce((n, s) => n + s.count, 0)).toBe(tasks.length);
        expect(new Set(sigs.map((s) => s.id)).size).toBe(sigs.length);
      }),
    );
  });
});

describe("toSignatures", () => {
  it("ranks a 'not sampled' group below every signature with evidence, whatever its count, and keeps the order otherwise", () => {
    const read = [task({ endTime: 1 }), task({ endTime: 2 })];
    const code = task({ exitCode: undefined, category: "PreProcessing", code: "BlobNotFound", endTime: 3 });
    const unread = Array.from({ length: 5 }, (_, i) => task({ nodeId: `other-${i}`, exitCode: 2, endTime: 10 + i }));
    const tails = tailsOf(read.map((t): [FailedTask, Tail] => [t, line("boom")]));
    const sigs = signaturesOf([...read, code, ...unread], tails);
    expect(sigs.map((s) => [s.source, s.count])).toEqual([
      ["stderr", 2],
      ["notRun", 1],
      ["unsampled", 5],
    ]);
  });

  it("keeps at most the newest hundred tasks of a signature, and counts them all", () => {
    const tasks = Array.from({ length: 150 }, (_, i) => task({ endTime: i }));
    const [s] = signaturesOf(tasks, tailsOf(tasks.map((t): [FailedTask, Tail] => [t, line("boom")])));
    expect(s!.count).toBe(150);
    expect(s!.tasks).toHaveLength(100);
    expect(s!.tasks[0]!.endTime).toBe(149);
  });
});

describe("new signatures", () => {
  const hour = { from: 0, to: 60 * MIN };

  it("orders by count, reports first and last seen, and flags as new what first failed in the window's last quarter", () => {
    const old = [task({ endTime: 10 * MIN }), task({ endTime: 50 * MIN }), task({ endTime: 55 * MIN })];
    const fresh = task({ exitCode: 137, endTime: 50 * MIN });
    const earlier = task({ exitCode: 2, endTime: 40 * MIN });
    const tails = tailsOf([...old.map((t): [FailedTask, Tail] => [t, line("KeyError: 'x'")]), [fresh, line("Killed")], [earlier, line("usage: x")]]);
    const [first, ...rest] = signaturesOf([...old, fresh, earlier], tails, hour);
    expect(first).toMatchObject({ line: "KeyError: '<…>'", count: 3, firstSeen: 10 * MIN, lastSeen: 55 * MIN, newest: false });
    expect(rest.find((s) => s.line === "Killed")).toMatchObject({ count: 1, newest: true });
    // First seen 20 minutes before the end of an hour: the latest to appear, but not new.
    expect(rest.find((s) => s.line === "usage: x")).toMatchObject({ newest: false });
  });

  // An operator saw "new" on a signature first seen 1 h 29 m before the end of a 24-hour window: it went to
  // whichever signature was first seen latest, however long ago.
  it("flags no signature first seen before the window's last quarter, however late it came", () => {
    const day = { from: 0, to: 24 * 60 * MIN };
    const a = task({ endTime: 60 * MIN });
    const b = task({ exitCode: 2, endTime: 12 * 60 * MIN });
    expect(
      eachRead(
        [
          [a, "x"],
          [b, "y"],
        ],
        day,
      ).map((s) => s.newest),
    ).toEqual([false, false]);
    const c = task({ exitCode: 3, endTime: 23 * 60 * MIN });
    expect(
      eachRead(
        [
          [a, "x"],
          [b, "y"],
          [c, "z"],
        ],
        day,
      )
        .filter((s) => s.newest)
        .map((s) => s.line),
    ).toEqual(["z"]);
  });

  it("flags nothing when nothing failed before the last quarter, and never a 'not sampled' group", () => {
    const a = task({ endTime: 50 * MIN });
    const b = task({ exitCode: 2, endTime: 55 * MIN });
    expect(
      eachRead(
        [
          [a, "x"],
          [b, "y"],
        ],
        hour,
      ).some((s) => s.newest),
    ).toBe(false);
    const old = task({ endTime: 5 * MIN });
    const unread = task({ nodeId: "other", endTime: 58 * MIN });
    const sigs = signaturesOf([old, unread], tailsOf([[old, line("x")]]), hour);
    expect(sigs.find((s) => s.source === "unsampled")?.newest).toBe(false);
  });
});
