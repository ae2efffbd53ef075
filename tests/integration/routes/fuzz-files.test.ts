import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { handlers } from "./route-table";
import { call, emulatorPerSuite, type RouteHandler, type RouteParams } from "./support";
import { expectSafeAnswer, nastyString, numberish, RUNS, SAFE_DISPOSITION, staysInside } from "./fuzz-support";

// The file routes under fire: arbitrary [...path] parts and read modes. Every file request the emulator
// received (its request log, counted per method and path as it came off the socket) must name a path
// inside the task's or node's directory however many times it is decoded; a path that could leave it is
// refused with a 400 before any Batch call. A download's Content-Disposition stays one safe header
// whatever the file is called.
const env = emulatorPerSuite({ scenario: "demo", account: "fuzz-files" });
const a = () => env.account;
const JOB = "etl-nightly";
const TASK = "shard-0050";
const POOL = "render-linux";
let node = "";

beforeAll(async () => {
  node = (await env.sdk.computeNode.list(POOL))[0]!.id!;
  await env.control("POST", `/jobs/${JOB}/tasks/${TASK}/files`, { path: "wd/small.log", size: 3000, style: "app", seed: 3 });
});

interface Owner {
  name: string;
  handler: RouteHandler;
  /** The owner's files as the emulator logs their requests: "/jobs/{job}/tasks/{task}/files". */
  wirePrefix: () => string;
  url: (path: string, query: string) => string;
  params: (parts: string[]) => RouteParams;
}

const enc = encodeURIComponent;
const OWNERS: Owner[] = [
  {
    name: "task file",
    handler: handlers.taskFileGET,
    wirePrefix: () => `/jobs/${enc(JOB)}/tasks/${enc(TASK)}/files`,
    url: (path, query) => `/api/accounts/${a()}/jobs/${JOB}/tasks/${TASK}/files/${path}?${query}`,
    params: (path) => ({ account: a(), jobId: JOB, taskId: TASK, path }),
  },
  {
    name: "node file",
    handler: handlers.nodeFileGET,
    wirePrefix: () => `/pools/${enc(POOL)}/nodes/${enc(node)}/files`,
    url: (path, query) => `/api/accounts/${a()}/pools/${POOL}/nodes/${node}/files/${path}?${query}`,
    params: (path) => ({ account: a(), poolId: POOL, nodeId: node, path }),
  },
];

/**
 * The file requests the emulator received since `before` (a copy of its request log), as "METHOD path"
 * with the path as Batch reads it: the raw path's segments each decoded once, as its router does.
 */
function fileRequestsSince(before: Map<string, number>): string[] {
  return [...env.emu.stats.byRoute].filter(([route, n]) => n > (before.get(route) ?? 0) && /\/files(?:\/|$)/.test(route)).map(([route]) => route);
}

/** Where a file request of the emulator's log reads, relative to its owner's directory; undefined when it is another owner's. */
function readInside(route: string, prefix: string): string | undefined {
  const [, path = ""] = route.split(" ", 2);
  if (path === prefix) return ""; // the directory's listing
  if (!path.startsWith(`${prefix}/`)) return undefined;
  return path
    .slice(prefix.length + 1)
    .split("/")
    .map((s) => decodeURIComponent(s))
    .join("/");
}

/**
 * Path parts as Next.js hands them to a catch-all: each decoded once, so always well-formed Unicode. No
 * apostrophe: the SDK cannot read such a file (see the last test), which is not what this property is about.
 */
const pathPart = fc
  .oneof(nastyString, fc.constantFrom("wd", "startup", "small.log", "shared", "workitems"))
  .filter((s) => s.isWellFormed() && !s.includes("'"));
const readMode = fc.oneof(
  fc.constantFrom("", "properties=true", "line=1", "download=1", "search=ERROR", "recursive=true"),
  numberish.map((n) => `offset=${enc(n)}`),
  numberish.map((n) => `length=${enc(n)}`),
  numberish.map((n) => `line=${enc(n)}`),
  nastyString.filter((s) => s.isWellFormed()).map((s) => `search=${enc(s)}`),
);

describe("[...path]: arbitrary parts never read outside the directory", () => {
  it.each(OWNERS)("$name", async (owner) => {
    await fc.assert(
      fc.asyncProperty(fc.array(pathPart, { maxLength: 5 }), readMode, async (parts, mode) => {
        const before = new Map(env.emu.stats.byRoute);
        const total = env.emu.stats.total;
        const joined = parts.join("/");
        const r = await call(owner.handler, owner.url(parts.map(enc).join("/"), mode), owner.params(parts));
        const context = `${owner.name} ${JSON.stringify(parts)}?${mode}`;
        expectSafeAnswer(r, context);
        for (const route of fileRequestsSince(before)) {
          const inside = readInside(route, owner.wirePrefix());
          expect(inside, `${context}: ${route} reads another owner's files`).toBeDefined();
          expect(staysInside(inside!), `${context}: ${route} leaves the directory`).toBe(true);
        }
        if (!staysInside(joined) || joined === "") {
          expect(r.status, `${context}: ${r.text}`).toBe(400);
          expect(env.emu.stats.total, `${context}: no Batch request`).toBe(total);
        }
      }),
      {
        numRuns: RUNS * 2,
        // What the first runs found: each reached Batch as a name that one more decoding, or Windows, reads as leaving the directory.
        examples: [
          [["%2e%2e"], ""],
          [["%252e%252e"], "properties=true"],
          [["wd%2f..%2f..%2fx"], ""],
          [[".. "], "download=1"],
          [["%5c%5cserver%5cshare"], "line=1"],
        ],
      },
    );
  });
});

/**
 * File names with everything that can end or bend a header: quotes, semicolons, commas, =, *, %, spaces,
 * Unicode, a bidi override. Not the apostrophe: the SDK signs it as "'" while its HTTP client sends "%27",
 * so Batch refuses the signature (403) before the route could name the file; that is the SDK's, not the edge's.
 */
const fileName = fc
  .array(fc.constantFrom('"', ";", ",", "=", "*", "%", "%22", "%0d%0a", " ", "é", "ß", "😀", "\u202e", "a", "Z", "0", "-", "_", "("), {
    minLength: 1,
    maxLength: 10,
  })
  .map((p) => `${p.join("")}.log`);

describe("download: the file's name never bends the header", () => {
  it("Content-Disposition is an ASCII filename of safe characters plus the exact name, RFC 5987 encoded", async () => {
    await fc.assert(
      fc.asyncProperty(fileName, async (name) => {
        const path = `wd/fuzz/${name}`;
        await env.control("POST", `/jobs/${JOB}/tasks/${TASK}/files`, { path, size: 100, style: "app", seed: 1 });
        const r = await call(handlers.taskFileGET, OWNERS[0]!.url(path.split("/").map(enc).join("/"), "download=1"), OWNERS[0]!.params(path.split("/")));
        expectSafeAnswer(r, `download ${JSON.stringify(name)}`);
        if (!staysInside(path)) return void expect(r.status).toBe(400);
        expect(r.status, r.text).toBe(200);
        const disposition = r.headers.get("content-disposition")!;
        expect(disposition).toMatch(SAFE_DISPOSITION);
        const exact = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1];
        // The exact name, but for invisible format characters (a right-to-left override would disguise it).
        expect(exact === undefined ? /filename="(.*)"/.exec(disposition)![1] : decodeURIComponent(exact)).toBe(name.replace(/\p{Cf}/gu, "_"));
      }),
      { numRuns: RUNS },
    );
  });
});

// The SDK signs a path's apostrophe as "'" while its HTTP client sends "%27"; the emulator, like Batch's
// shared-key check, signs what arrived, so the read is refused (403, our 502). Not the edge's to fix: this
// records it, and fails (so must be turned around) once reads of such files work.
it.fails("a file named with an apostrophe can be read", async () => {
  await env.control("POST", `/jobs/${JOB}/tasks/${TASK}/files`, { path: "wd/it's.log", size: 10, style: "app", seed: 1 });
  const r = await call(handlers.taskFileGET, OWNERS[0]!.url("wd/it's.log", "properties=true"), OWNERS[0]!.params(["wd", "it's.log"]));
  expect(r.status, r.text).toBe(200);
});
