import type { BatchServiceModels } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBody, startHarness, waitFor, type Harness } from "./harness";
import { all } from "../../support/sdk-paging";

const failedTasks = (h: Harness, jobId: string, select = "id,executionInfo,nodeInfo") =>
  all(h.client.task.list(jobId, { taskListOptions: { filter: "executionInfo/result eq 'failure'", select, maxResults: 500 } }), (link) =>
    h.client.task.listNext(link),
  );

describe("demo scenario", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ scenario: "demo", seed: 1 });
  });
  afterAll(() => h.close());

  it("has at least two pools with nodes and several jobs", async () => {
    const pools = await h.client.pool.list();
    expect(pools.length).toBeGreaterThanOrEqual(2);
    for (const p of pools) expect(p.currentDedicatedNodes! + p.currentLowPriorityNodes!).toBeGreaterThan(0);
    const jobs = await h.client.job.list();
    expect(jobs.length).toBeGreaterThanOrEqual(3);
  });

  it("has a failed task for each failure category the dashboard sorts", async () => {
    const codes = new Map<string, number>();
    for (const job of await h.client.job.list()) {
      for (const t of await failedTasks(h, job.id!)) {
        const code = t.executionInfo?.failureInfo?.code ?? "(none)";
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    for (const code of ["FailureExitCode", "BlobNotFound", "FileUploadAccessDenied", "TaskEnded", "ContainerInvalidImage", "DiskFull"]) {
      expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
    // Every failed task explains itself.
    expect(codes.has("(none)")).toBe(false);
  });

  it("keeps failure fields consistent with the codes: exit codes where a process ran, none where it did not", async () => {
    const failed = await failedTasks(h, "etl-nightly");
    const byCode = (code: string) => failed.filter((t) => t.executionInfo?.failureInfo?.code === code);
    for (const t of byCode("BlobNotFound")) expect(t.executionInfo?.exitCode).toBeUndefined();
    for (const t of byCode("ContainerInvalidImage")) expect(t.executionInfo?.exitCode).toBeUndefined();
    for (const t of byCode("FileUploadAccessDenied")) expect(t.executionInfo?.exitCode).toBe(0);
    expect(byCode("TaskEnded").some((t) => t.executionInfo?.exitCode === -1073741510)).toBe(true);
    for (const t of byCode("FailureExitCode")) expect(t.executionInfo?.exitCode).not.toBe(0);
  });
});

// The incident harnesses, shared by both incident describe blocks.
let a: Harness;
let b: Harness;
let other: Harness;
beforeAll(async () => {
  [a, b, other] = await Promise.all([
    startHarness({ scenario: "incident", seed: 7 }),
    startHarness({ scenario: "incident", seed: 7 }),
    startHarness({ scenario: "incident", seed: 8 }),
  ]);
});
afterAll(() => Promise.all([a.close(), b.close(), other.close()]));

describe("incident scenario", () => {
  it("has prod-ingest of 100 nodes first, then gpu-burst, the pool that failed to grow", async () => {
    const pools = await a.client.pool.list();
    expect(pools.map((p) => p.id)).toEqual(["prod-ingest", "gpu-burst"]);
    expect(pools[0]).toMatchObject({ currentDedicatedNodes: 100, targetDedicatedNodes: 100 });
    const nodes = await a.client.computeNode.list(pools[0]!.id!);
    expect(nodes).toHaveLength(100);
  });

  it("gpu-burst carries both resize errors, fewer nodes than its targets, start-task failures and node errors", async () => {
    const pool = await a.client.pool.get("gpu-burst");
    expect(pool.resizeErrors?.map((e) => e.code)).toEqual(["AccountCoreQuotaReached", "AllocationTimedout"]);
    expect(pool.currentDedicatedNodes!).toBeLessThan(pool.targetDedicatedNodes!);
    expect(pool.currentLowPriorityNodes!).toBeLessThan(pool.targetLowPriorityNodes!);
    const nodes = await a.client.computeNode.list("gpu-burst");
    const failed = nodes.filter((n) => n.state === "starttaskfailed");
    expect(new Set(failed.map((n) => `${n.startTaskInfo?.exitCode}/${n.startTaskInfo?.failureInfo?.code}`))).toEqual(
      new Set(["1/FailureExitCode", "127/FailureExitCode", "undefined/BlobNotFound"]),
    );
    for (const n of failed) {
      expect(n.startTaskInfo?.result).toBe("failure");
      // The stderr a start-task failure points to is there to read.
      await readBody(await a.client.file.getFromComputeNode("gpu-burst", n.id!, "startup/stderr.txt"));
    }
    const errored = nodes.filter((n) => (n.errors?.length ?? 0) > 0);
    expect(errored.every((n) => n.state === "unusable")).toBe(true);
    expect(new Set(errored.flatMap((n) => n.errors!.map((e) => e.code)))).toEqual(new Set(["AppPackageDownloadFailed", "DiskFull"]));
    expect(errored.every((n) => n.errors!.every((e) => e.errorDetails?.some((d) => d.value === "emulator-defined")))).toBe(true);
    expect(nodes.some((n) => n.state === "unknown")).toBe(true);
    expect(nodes.filter((n) => n.state === "preempted").every((n) => n.isDedicated === false)).toBe(true);
  });

  it("gpu-burst's quota and spot capacity make a live resize fail the same way", async () => {
    // On the other seed's emulator: a and b must stay untouched for the fingerprint comparison below.
    await other.client.pool.resize("gpu-burst", { targetDedicatedNodes: 30, targetLowPriorityNodes: 20 });
    const pool = await waitFor(
      other.emu,
      () => other.client.pool.get("gpu-burst"),
      (p) => p.allocationState === "steady",
    );
    expect(pool.resizeErrors?.map((e) => e.code)).toEqual(["AccountCoreQuotaReached", "AllocationTimedout"]);
    expect(pool.currentDedicatedNodes).toBe(10);
    expect(pool.currentLowPriorityNodes).toBe(4);
  });
});

describe("incident scenario: failures and seeds", () => {
  it("concentrates most failures of ingest-2026-11-27 on three nodes", async () => {
    const failed = await failedTasks(a, "ingest-2026-11-27");
    const perNode = new Map<string, number>();
    for (const t of failed) perNode.set(t.nodeInfo!.nodeId!, (perNode.get(t.nodeInfo!.nodeId!) ?? 0) + 1);
    const ranked = [...perNode.values()].sort((x, y) => y - x);
    const top3 = ranked.slice(0, 3).reduce((s, n) => s + n, 0);
    expect(failed.length).toBeGreaterThan(20);
    expect(top3 / failed.length).toBeGreaterThan(0.5);
    // Three clear outliers: the fourth-worst node is far behind the third.
    expect(ranked[2]!).toBeGreaterThan(3 * (ranked[3] ?? 0));

    // And their logs say why: a full disk on two of them, the OOM killer on the third.
    const top = [...perNode.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .map(([node]) => node);
    const reasons: string[] = [];
    for (const node of top) {
      const task = failed.find((t) => t.nodeInfo?.nodeId === node)!;
      const stderr = (await readBody(await a.client.file.getFromTask("ingest-2026-11-27", task.id!, "stderr.txt"))).toString();
      reasons.push(stderr.includes("No space left on device") ? "enospc" : stderr.trim() === "Killed" ? "oom" : stderr);
      if (stderr.includes("No space left on device")) expect(stderr).toContain(`/${task.id}/wd/out.part`);
    }
    expect(reasons.sort()).toEqual(["enospc", "enospc", "oom"]);
  });

  /** What must not depend on when the emulator started: ids, commands, outcomes and where each task ran. */
  async function fingerprint(h: Harness): Promise<unknown[]> {
    const [pool] = await h.client.pool.list();
    const nodeIndex = new Map((await h.client.computeNode.list(pool!.id!)).map((n, i) => [n.id!, i]));
    const rows: unknown[] = [];
    for (const job of await h.client.job.list()) {
      const tasks = await all(
        h.client.task.list(job.id!, { taskListOptions: { select: "id,state,commandLine,executionInfo,nodeInfo", maxResults: 1000 } }),
        (link) => h.client.task.listNext(link),
      );
      for (const t of tasks) {
        const info: Partial<BatchServiceModels.TaskExecutionInformation> = t.executionInfo ?? {};
        rows.push([
          job.id,
          t.id,
          t.state,
          t.commandLine,
          info.exitCode,
          info.result,
          info.failureInfo?.code,
          info.retryCount,
          t.nodeInfo ? nodeIndex.get(t.nodeInfo.nodeId!) : null,
        ]);
      }
    }
    return rows;
  }

  it("lays down identical task lists for the same seed, and different ones for another seed", async () => {
    const [fa, fb, fo] = await Promise.all([fingerprint(a), fingerprint(b), fingerprint(other)]);
    expect(fa.length).toBeGreaterThan(3000);
    expect(fb).toEqual(fa);
    expect(fo).not.toEqual(fa);
  });
});
