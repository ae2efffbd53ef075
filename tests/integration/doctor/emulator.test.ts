import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobFilter } from "@/lib/batch/jobs";
import { taskFilter } from "@/lib/batch/tasks";
import { CHECKS } from "@/lib/doctor/run-account";
import type { DoctorReport } from "@/lib/doctor/report";
import { taskQuery } from "@/lib/schemas/inputs";
import { accountEnv, parseReport, RUN_TIMEOUT_MS, runDoctor, startFrozenEmulator, type DoctorRun, type TestEmulator } from "./support";

/** Every $filter the doctor sent, decoded, in the order sent. */
const filtersSent = (report: DoctorReport) =>
  report.accounts
    .flatMap((a) => a.checks.flatMap((c) => c.requests.map((r) => new URL(r.path, "http://x").searchParams.get("$filter"))))
    .filter((f): f is string => f !== null);

/** How far ahead of this machine the emulator's clock is set. */
const SKEW_S = 600;

let env: TestEmulator;
let json: DoctorRun;
let report: DoctorReport;
let byRoute: Record<string, number>;
let total: number;
let ranUntil: number;

beforeAll(async () => {
  env = await startFrozenEmulator("doctorpass");
  // The service's clock set ahead of this machine's: the doctor must see it in the Date header.
  await fetch(`${env.emu.url}/__emulator/clock/advance`, {
    method: "POST",
    body: JSON.stringify({ seconds: SKEW_S }),
    headers: { "content-type": "application/json" },
  });
  await env.resetStats();
  json = await runDoctor(["--json"], accountEnv(env.emu, env.emu.key));
  ranUntil = Date.now();
  report = parseReport(json);
  ({ byRoute, total } = await env.stats());
}, RUN_TIMEOUT_MS);
afterAll(async () => {
  await env?.emu.close();
});

describe("npm run doctor against an emulator", () => {
  it("passes every check and exits 0, reading a pool, node, job, task and their files", () => {
    const failed = report.accounts[0]!.checks.filter((c) => c.status !== "ok").map((c) => `${c.id}: ${c.status} ${c.detail ?? c.problem?.summary}`);
    expect(failed).toEqual([]);
    expect(json.code, json.stderr).toBe(0);
    expect(report.accounts[0]!.checks.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
    expect(json.stderr).toBe("");
  });

  it("makes only reads: the emulator received no POST, PUT, PATCH or DELETE", () => {
    const routes = Object.keys(byRoute);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(route).toMatch(/^(GET|HEAD) \//);
  });

  it("records on the wire every request the emulator received, each with the api-version it accepted", () => {
    const a = report.accounts[0]!;
    const requests = a.checks.flatMap((c) => c.requests);
    expect(requests.length).toBe(total);
    expect(a.apiVersions).toHaveLength(1);
    const [version] = a.apiVersions;
    expect(version).toEqual({ version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}/), requests: total, accepted: true });
    for (const r of requests) {
      expect(new URL(r.path, a.url).searchParams.get("api-version")).toBe(version!.version);
      expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("sends the dashboard's own filters: task state, failures in a window, exit code, pool jobs, heatmap and refresh", () => {
    const filters = filtersSent(report);
    const a = report.accounts[0]!;
    const poolId = /^Nodes of pool (.+)$/.exec(a.checks.find((c) => c.id === "nodes")!.title)![1]!;
    expect(filters).toContain(taskFilter(taskQuery.parse({ state: "completed" }), undefined));
    expect(filters).toContain(taskFilter(taskQuery.parse({ exitCode: "1" }), undefined));
    expect(filters).toContain(jobFilter({ state: "active" }));
    expect(filters).toContain(jobFilter({ poolId }));
    expect(filters).toContain(`poolId eq '${poolId}'`);
    const time = "DateTime'\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z'";
    expect(filters).toContainEqual(
      expect.stringMatching(new RegExp(`^executionInfo/result eq 'failure' and executionInfo/endTime ge ${time} and executionInfo/endTime lt ${time}$`)),
    );
    expect(filters).toContainEqual(
      expect.stringMatching(new RegExp(`^state eq 'completed' and executionInfo/endTime ge ${time} and executionInfo/endTime lt ${time}$`)),
    );
    expect(filters).toContainEqual(expect.stringMatching(new RegExp(`^stateTransitionTime ge ${time}$`)));
  });
});

describe("npm run doctor against an emulator: what it reports", () => {
  it("reads a range of a task file and of a node file (properties first, then the bytes)", () => {
    for (const id of ["taskFileRead", "nodeFileRead"]) {
      const check = report.accounts[0]!.checks.find((c) => c.id === id)!;
      expect(check.detail).toMatch(/^bytes \d+-\d+ of \d+$/);
      expect(check.requests.map((r) => r.method)).toEqual(["HEAD", "GET"]);
      expect(check.requests[0]!.path.split("?")[0]).toBe(check.requests[1]!.path.split("?")[0]);
    }
  });

  it("reports the identity, the clock and the account, and prints no key", () => {
    const a = report.accounts[0]!;
    expect(a).toMatchObject({ name: "doctorpass", batchAccountName: "doctorpass", url: env.emu.url, simulated: true, embedded: false });
    expect(a.identity).toEqual({ kind: "sharedKey", accountName: "doctorpass" });
    // Simulated time stands nearly still, so the skew shrinks as real time passes; the Date header counts whole seconds.
    expect(a.clockSkewMs!).toBeLessThanOrEqual(SKEW_S * 1000 + 1_000);
    expect(a.clockSkewMs!).toBeGreaterThan(SKEW_S * 1000 - (ranUntil - env.startedAt) - 1_000);
    expect(json.stdout).not.toContain(env.emu.key);
  });

  it("--json is one document: accounts, checks with status, time and requests, and the verdict", () => {
    expect(Object.keys(report).sort()).toEqual(["accounts", "elapsedMs", "ok", "startedAt"]);
    expect(report.ok).toBe(json.code === 0);
    expect(Number.isNaN(Date.parse(report.startedAt))).toBe(false);
    const a = report.accounts[0]!;
    expect(Object.keys(a).sort()).toEqual([
      "apiVersions",
      "batchAccountName",
      "checks",
      "clockSkewMs",
      "embedded",
      "identity",
      "name",
      "ok",
      "simulated",
      "url",
    ]);
    for (const c of a.checks) {
      expect(c).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        status: expect.stringMatching(/^(ok|failed|skipped)$/),
        ms: expect.any(Number),
        requests: expect.any(Array),
      });
      if (c.status === "ok") expect(c.requests.length + (c.detail ? 1 : 0)).toBeGreaterThan(0);
    }
  });

  it(
    "prints the same findings as text, one line a check, and says what it used",
    async () => {
      const text = await runDoctor([], accountEnv(env.emu, env.emu.key));
      expect(text.code).toBe(json.code);
      const lines = text.stdout.split("\n");
      expect(lines).toContain(`Account doctorpass at ${env.emu.url} (simulated: an emulator on this machine)`);
      expect(lines).toContain("  identity     shared key of Batch account doctorpass");
      const version = report.accounts[0]!.apiVersions[0]!.version;
      expect(text.stdout).toMatch(new RegExp(`api-version  ${version.replace(/\./g, "\\.")} sent on \\d+ requests, accepted by the account`));
      const ahead = Number(/clock        the service's clock is (\d+) s ahead of this machine's/.exec(text.stdout)?.[1]);
      expect(ahead).toBeGreaterThan(SKEW_S - 60);
      expect(ahead).toBeLessThanOrEqual(SKEW_S + 1);
      for (const c of report.accounts[0]!.checks)
        expect(text.stdout).toMatch(new RegExp(`^  (ok  |FAIL|skip)  ${c.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m"));
      expect(text.stdout).toMatch(/^All 21 checks passed in [\d.]+ s\.$/m);
    },
    RUN_TIMEOUT_MS,
  );
});
