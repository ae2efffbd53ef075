import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastMeaningfulLine, maskLine, MAX_LINE_CHARS } from "./signature-mask";

const pythonTraceback = (last: string) =>
  `Traceback (most recent call last):\n  File "/opt/render/render.py", line 214, in <module>\n    main()\n` +
  `  File "/opt/render/render.py", line 97, in main\n    scene = load_scene(args.scene)\n${last}\n\n`;

describe("lastMeaningfulLine", () => {
  it("takes a Python traceback's exception line, not its frames", () => {
    expect(lastMeaningfulLine(pythonTraceback("ValueError: bad scene"))).toBe("ValueError: bad scene");
  });

  it("skips Java and Node stack frames and blank lines", () => {
    expect(lastMeaningfulLine("java.lang.IllegalStateException: boom\n    at com.x.Y.run(Y.java:12)\n    at java.lang.Thread.run(Thread.java:750)\n\n")).toBe(
      "java.lang.IllegalStateException: boom",
    );
    expect(lastMeaningfulLine("Error: ENOENT\n    at Object.openSync (node:fs:601:3)\n")).toBe("Error: ENOENT");
  });

  it("reads a one-line stderr, and takes an indented line only when nothing else is left", () => {
    expect(lastMeaningfulLine("Killed\n")).toBe("Killed");
    expect(lastMeaningfulLine("   only indented\n")).toBe("only indented");
    expect(lastMeaningfulLine("\n \n")).toBeUndefined();
    expect(lastMeaningfulLine("")).toBeUndefined();
  });

  it("drops colour codes and carriage returns", () => {
    expect(lastMeaningfulLine("\u001b[31mERROR\u001b[0m: failed\r\n")).toBe("ERROR: failed");
  });
});

describe("maskLine on the failures operators meet", () => {
  it.each([
    [
      "OSError: [Errno 28] No space left on device: '/mnt/batch/tasks/workitems/ingest/job-1/chunk-00017/wd/out.part'",
      "OSError: [Errno <n>] No space left on device: '<path>'",
    ],
    ["Killed", "Killed"],
    ["KeyError: 'customer_id'", "KeyError: '<…>'"],
    ["ValueError: scene frame-1234.blend references missing texture 'wood_04.png'", "ValueError: scene frame-<n>.blend references missing texture '<…>'"],
    ["Segmentation fault (core dumped)", "Segmentation fault (core dumped)"],
    ["/bin/sh: 1: ffmpeg: not found", "<path>: <n>: ffmpeg: not found"],
    ["render.py: error: the following arguments are required: --out", "render.py: error: the following arguments are required: --out"],
    ["2026-11-27T03:12:44.123Z ERROR upload failed after 3 retries", "<time> ERROR upload failed after <n> retries"],
    ["request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 failed at 0x7ffd5e8c", "request <guid> failed at <hex>"],
    ["node tvmps_3f2504e04f8911d39a0c0305e82c3301aabbccddeeff00112233445566778899_d lost", "node tvmps_<hex>_d lost"],
    ["connect to 10.0.0.4:445 refused", "connect to <ip> refused"],
    ["GET https://store.blob.core.windows.net/in/a.csv?sig=x returned 403", "GET <url> returned <n>"],
    ["can't open file C:\\data\\run 7\\in.txt", "can't open file <path> <n>\\in.txt"],
    ["don't retry: it won't help", "don't retry: it won't help"],
    ["utf8 codec v42 sha256 mismatch", "utf8 codec v42 sha256 mismatch"],
    ["Input/output error", "Input/output error"],
  ])("%s", (line, masked) => {
    expect(maskLine(line)).toBe(masked);
  });

  it("keeps HTML as the characters it is (the page renders it as text)", () => {
    expect(maskLine("<script>alert(1)</script> failed")).toBe("<script>alert(<n>)</script> failed");
  });

  it("cuts a runaway line at a space, within the limit", () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`).join(" ");
    const masked = maskLine(long);
    expect(masked.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
    expect(masked.endsWith(" …")).toBe(true);
  });
});

/** Text like stderr: words, numbers, paths, quotes and punctuation in any order. */
const token = fc.oneof(
  fc.constantFrom("Error:", "failed", "OSError", "[Errno", "]", "can't", "'", '"', "(", ")", ":", "=", ",", "/", "\\", "-", "_", ".", "<", ">", "…", "0x"),
  fc.stringMatching(/^[a-z]{1,8}$/),
  fc.nat().map(String),
  fc.stringMatching(/^[0-9a-f]{6,12}$/),
  fc.stringMatching(/^(\/[a-z0-9_.-]{1,6}){1,4}$/),
  fc.constant("2026-11-27T03:12:44Z"),
  fc.uuid(),
  fc.string({ maxLength: 6 }),
);
const line = fc.array(fc.tuple(token, fc.constantFrom("", " ", "  ")), { maxLength: 30 }).map((ts) => ts.map(([t, sep]) => t + sep).join(""));

describe("maskLine's properties", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(line, (l) => {
        const once = maskLine(l);
        expect(maskLine(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent on long lines too", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 5, maxLength: 12 }), (ls) => {
        const once = maskLine(ls.join(" "));
        expect(once.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
        expect(maskLine(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("gives tasks that differ only in numbers, paths, ids and times one line", () => {
    const value = fc.record({
      n: fc.nat(),
      path: fc.stringMatching(/^(\/[a-z0-9_.-]{1,8}){2,5}$/),
      guid: fc.uuid(),
      at: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
      key: fc.stringMatching(/^[a-z_]{1,12}$/),
    });
    const render = (v: { n: number; path: string; guid: string; at: string; key: string }) =>
      `${v.at} OSError: [Errno ${v.n}] No space left on device: '${v.path}' (request ${v.guid}, key '${v.key}', chunk-${v.n} of ${v.path})`;
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(maskLine(render(a))).toBe(maskLine(render(b)));
      }),
      { numRuns: 500 },
    );
  });

  it("never masks a word", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z]{1,10}$/), { maxLength: 20 }), (words) => {
        const l = words.join(" ");
        expect(maskLine(l)).toBe(l.trim());
      }),
    );
  });
});
