import { describe, expect, it } from "vitest";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { SCAN_RETRY_AFTER_SECONDS, SCANS_PER_USER } from "@/lib/batch/scan-slots";
import { call, emulatorPerSuite, expectApiError } from "./support";

// What a search refuses, and when: a pattern RE2 cannot run (a 400 before any read), and a user's third
// whole-file scan at once (a 429 with Retry-After, the slot back as soon as one of the two ends).
const env = emulatorPerSuite({ scenario: "demo", account: "search-limits" });
const JOB = "etl-nightly";
const TASK = "shard-0050";
const BIG = "wd/tokens.log";
const BIG_SIZE = 64 * 1024 * 1024;

const fileParams = (path: string) => ({ account: env.account, jobId: JOB, taskId: TASK, path: path.split("/") });
const fileUrl = (path: string, query: string) => `/api/accounts/${env.account}/jobs/${JOB}/tasks/${TASK}/files/${path}?${query}`;
const searchQuery = (pattern: string) => `search=${encodeURIComponent(pattern)}&regex=true`;

/** A search through the route, its stream left unread (it holds its scan slot) until stopped. */
async function startSearch(pattern: string): Promise<{ stop(): Promise<void> }> {
  const leave = new AbortController();
  // Kept in the closure below: a Request follows its init signal only while it is alive (undici).
  const request = new Request(new URL(fileUrl(BIG, searchQuery(pattern)), "http://localhost"), { signal: leave.signal });
  const res = await taskFileGET(request, { params: Promise.resolve(fileParams(BIG)) });
  expect(res.status).toBe(200);
  return {
    stop: async () => {
      leave.abort();
      expect(request.signal.aborted).toBe(true);
      await res.body!.cancel();
    },
  };
}

describe("patterns RE2 cannot run", () => {
  it.each([
    ["(a)\\1", /backreferences/],
    ["(?<x>a)\\k<x>", /backreferences/],
    ["(?=a)b", /lookahead and lookbehind/],
    ["(?<!a)b", /lookahead and lookbehind/],
    ["a(", /not valid/],
  ])("%s is a 400 saying what is unsupported, before any read", async (pattern, message) => {
    await env.resetStats();
    const r = await call(taskFileGET, fileUrl("stdout.txt", searchQuery(pattern)), fileParams("stdout.txt"));
    const error = expectApiError(r, "badRequest", 400);
    expect(error.message).toMatch(message);
    expect((await env.stats()).total).toBe(0);
  });
});

describe("concurrent whole-file scans", () => {
  it("refuses one user's scan past the limit with a 429 and Retry-After, and frees the slot when a scan ends", { timeout: 60_000 }, async () => {
    await env.control("POST", `/jobs/${JOB}/tasks/${TASK}/files`, { path: BIG, size: BIG_SIZE, style: "app", seed: 5 });
    const running = await Promise.all(Array.from({ length: SCANS_PER_USER }, () => startSearch("never-there")));
    const refused = await call(taskFileGET, fileUrl(BIG, searchQuery("x")), fileParams(BIG));
    const error = expectApiError(refused, "throttled", 429);
    expect(error).toMatchObject({ code: "TooManyScans", retryAfterSeconds: SCAN_RETRY_AFTER_SECONDS });
    expect(error.message).toContain(`at most ${SCANS_PER_USER} at once`);
    expect(refused.headers.get("retry-after")).toBe(String(SCAN_RETRY_AFTER_SECONDS));
    const download = await call(taskFileGET, fileUrl(BIG, "download=1"), fileParams(BIG));
    expectApiError(download, "throttled", 429);

    await running[0]!.stop();
    const again = await startSearch("never-there");
    await Promise.all([again.stop(), running[1]!.stop()]);
  });
});
