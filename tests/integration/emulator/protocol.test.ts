import { randomBytes } from "node:crypto";
import type { BatchServiceModels } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addJob, failure, newClient, readyPool, startHarness, waitFor, type Harness } from "./harness";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // A pool with no nodes: tasks stay active, so lists are stable while paging.
  await h.client.pool.add({
    id: "empty",
    vmSize: "standard_d2s_v5",
    virtualMachineConfiguration: { imageReference: {}, nodeAgentSKUId: "batch.node.ubuntu 22.04" },
  });
  await addJob(h, "paged", "empty");
  const ids = Array.from({ length: 250 }, (_, i) => `t-${String(i).padStart(3, "0")}`);
  for (let i = 0; i < ids.length; i += 100) {
    await h.client.task.addCollection(
      "paged",
      ids.slice(i, i + 100).map((id) => ({ id, commandLine: "true" })),
    );
  }
});
afterAll(() => h.close());

describe("authentication and envelopes", () => {
  it("rejects a request signed with the wrong key: 403 AuthenticationFailed with a Batch error body", async () => {
    const wrong = newClient(h.emu, randomBytes(64).toString("base64"));
    const e = await failure(wrong.pool.list());
    expect(e.statusCode).toBe(403);
    expect(e.code).toBe("AuthenticationFailed");
    expect(e.body?.code).toBe("AuthenticationFailed");
    expect(e.body?.message?.lang).toBe("en-US");
    expect(e.body?.message?.value).toMatch(/^Server failed to authenticate the request/);
  });

  it("sends a request-id GUID on every response, and the error message ends with the same id", async () => {
    const ok = await h.client.pool.list();
    expect(ok._response.headers.get("request-id")).toMatch(GUID);
    const other = await h.client.job.list();
    expect(other._response.headers.get("request-id")).not.toBe(ok._response.headers.get("request-id"));

    const e = await failure(h.client.job.get("does-not-exist"));
    expect([e.statusCode, e.code]).toEqual([404, "JobNotFound"]);
    const id = e.response?.headers.get("request-id");
    expect(id).toMatch(GUID);
    expect(e.body?.message?.value).toMatch(
      new RegExp(`^The specified job does not exist\\.\\nRequestId:${id}\\nTime:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z$`),
    );
  });
});

describe("paging", () => {
  it("returns every task exactly once over maxResults=7 pages with listNext", async () => {
    const seen: string[] = [];
    let page = await h.client.task.list("paged", { taskListOptions: { maxResults: 7 } });
    let pages = 1;
    for (;;) {
      expect(page.length).toBeLessThanOrEqual(7);
      seen.push(...page.map((t) => t.id!));
      if (!page.odatanextLink) break;
      expect(page.odatanextLink.startsWith(`${h.emu.url}/jobs/paged/tasks?`)).toBe(true);
      page = await h.client.task.listNext(page.odatanextLink);
      pages++;
    }
    expect(pages).toBe(36);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(seen.slice(0, 3)).toEqual(["t-000", "t-001", "t-002"]);
  });

  it("still returns each existing task exactly once when tasks are added between pages", async () => {
    const seen: string[] = [];
    let page = await h.client.task.list("paged", { taskListOptions: { maxResults: 7 } });
    let added = 0;
    for (;;) {
      seen.push(...page.map((t) => t.id!));
      // Add one task per page, some of which land before the cursor and some after it in id order.
      await h.client.task.add("paged", { id: `late-${String(added++).padStart(2, "0")}`, commandLine: "true" });
      if (!page.odatanextLink) break;
      page = await h.client.task.listNext(page.odatanextLink);
    }
    expect(new Set(seen).size).toBe(seen.length);
    const originals = seen.filter((id) => id.startsWith("t-"));
    expect(originals).toHaveLength(250);
    // Tasks added while paging come after every original, in the order they were added; every one added
    // before the last page was read is on it (only the one added after the last read is missing).
    const late = seen.filter((id) => id.startsWith("late-"));
    expect(seen.slice(250)).toEqual(late);
    expect(late).toEqual(Array.from({ length: added - 1 }, (_, i) => `late-${String(i).padStart(2, "0")}`));
  });

  it("keeps $filter and $select across pages", async () => {
    const seen: BatchServiceModels.CloudTask[] = [];
    let page = await h.client.task.list("paged", { taskListOptions: { filter: "id ge 't-200'", select: "id", maxResults: 7 } });
    for (;;) {
      seen.push(...page);
      if (!page.odatanextLink) break;
      page = await h.client.task.listNext(page.odatanextLink);
    }
    expect(seen.map((t) => t.id)).toEqual(Array.from({ length: 50 }, (_, i) => `t-${200 + i}`));
    expect(seen.every((t) => t.state === undefined)).toBe(true);
  });

  it("pages the other lists too (pools, node counts)", async () => {
    for (let i = 0; i < 3; i++)
      await h.client.pool.add({
        id: `extra-${i}`,
        vmSize: "standard_d2s_v5",
        virtualMachineConfiguration: { imageReference: {}, nodeAgentSKUId: "batch.node.ubuntu 22.04" },
      });
    const first = await h.client.pool.list({ poolListOptions: { maxResults: 2 } });
    expect(first).toHaveLength(2);
    const second = await h.client.pool.listNext(first.odatanextLink!);
    expect([...first, ...second].map((p) => p.id)).toEqual(["empty", "extra-0", "extra-1", "extra-2"]);
    expect(second.odatanextLink).toBeUndefined();
    const counts = await h.client.account.listPoolNodeCounts({ accountListPoolNodeCountsOptions: { maxResults: 3 } });
    expect(counts).toHaveLength(3);
    const rest = await h.client.account.listPoolNodeCountsNext(counts.odatanextLink!);
    expect([...counts, ...rest].map((c) => c.poolId)).toEqual(["empty", "extra-0", "extra-1", "extra-2"]);
  });
});

describe("$select and $filter", () => {
  beforeAll(async () => {
    await readyPool(h, "runner", 2);
    await addJob(h, "mixed", "runner");
    await h.client.task.addCollection("mixed", [
      { id: "ok", commandLine: `/bin/sh -c "echo ok"` },
      { id: "three", commandLine: `/bin/sh -c "exit 3"` },
      { id: "one", commandLine: `/bin/sh -c "exit 1"` },
      { id: "missing", commandLine: "no-such-program --flag" },
    ]);
    await waitFor(
      h.emu,
      () => h.client.job.getTaskCounts("mixed"),
      (c) => c.taskCounts.completed === 4,
    );
    await h.client.task.add("mixed", { id: "waiting", commandLine: `/bin/sh -c "sleep 5000"` });
    await h.client.task.add("mixed", { id: "waiting-2", commandLine: `/bin/sh -c "sleep 5000"` });
    await h.client.task.add("mixed", { id: "queued", commandLine: "true" });
  });

  it("returns only the $select-ed properties", async () => {
    const tasks = await h.client.task.list("mixed", { taskListOptions: { select: "id,state" } });
    expect(tasks.length).toBe(7);
    for (const t of tasks) expect(Object.keys(t).sort()).toEqual(["id", "state"]);
    const pool = await h.client.pool.get("runner", { poolGetOptions: { select: "id,allocationState,currentDedicatedNodes" } });
    // The SDK merges response headers into the result, so compare the body it parsed: odata.metadata stays, as recorded.
    expect(pool._response.parsedBody).toEqual({
      "odata.metadata": `${h.emu.url}/$metadata#pools/@Element`,
      id: "runner",
      allocationState: "steady",
      currentDedicatedNodes: 2,
    });
    expect(pool.vmSize).toBeUndefined();
    const task = await h.client.task.get("mixed", "three", { taskGetOptions: { select: "executionInfo" } });
    expect(task.id).toBeUndefined();
    expect(task.executionInfo?.exitCode).toBe(3);
  });

  const ids = async (filter: string) => (await h.client.task.list("mixed", { taskListOptions: { filter } })).map((t) => t.id).sort();

  it("filters tasks on state, executionInfo/result and executionInfo/exitCode", async () => {
    expect(await ids("state eq 'completed'")).toEqual(["missing", "ok", "one", "three"]);
    expect(await ids("state eq 'active'")).toEqual(["queued"]);
    expect(await ids("state eq 'running'")).toEqual(["waiting", "waiting-2"]);
    expect(await ids("executionInfo/result eq 'failure'")).toEqual(["missing", "one", "three"]);
    expect(await ids("executionInfo/result eq 'success'")).toEqual(["ok"]);
    expect(await ids("executionInfo/exitCode eq 3")).toEqual(["three"]);
    expect(await ids("(executionInfo/exitCode lt 0) or (executionInfo/exitCode gt 0)")).toEqual(["one", "three"]);
    expect(await ids("state eq 'completed' and executionInfo/exitCode ge 1")).toEqual(["one", "three"]);
    // Values are case-insensitive; property names are not.
    expect(await ids("state eq 'COMPLETED' and executionInfo/result eq 'Failure'")).toEqual(["missing", "one", "three"]);
  });

  it("answers 400 for a property or operator $filter does not support", async () => {
    const prop = await failure(h.client.task.list("mixed", { taskListOptions: { filter: "commandLine eq 'true'" } }));
    expect(prop.statusCode).toBe(400);
    expect(prop.code).toBe("InvalidQueryParameterValue");
    expect(prop.body?.values).toEqual(expect.arrayContaining([{ key: "QueryParameterName", value: "$filter" }]));
    const op = await failure(h.client.task.list("mixed", { taskListOptions: { filter: "state gt 'active'" } }));
    expect([op.statusCode, op.code]).toEqual([400, "InvalidQueryParameterValue"]);
    const fn = await failure(h.client.task.list("mixed", { taskListOptions: { filter: "startswith(state, 'comp')" } }));
    expect(fn.statusCode).toBe(400);
    const sel = await failure(h.client.task.list("mixed", { taskListOptions: { select: "id,notAProperty" } }));
    expect(sel.statusCode).toBe(400);
  });
});

describe("enum inputs in any case", () => {
  it("accepts TaskCompletion and REQUEUE as given by the caller", async () => {
    const nodes = await h.client.computeNode.list("runner");
    const [a, b] = nodes.map((n) => n.id!);
    const disabled = await h.client.computeNode.disableScheduling("runner", a!, {
      nodeDisableSchedulingOption: "TaskCompletion" as string as BatchServiceModels.DisableComputeNodeSchedulingOption,
    });
    expect(disabled._response.status).toBe(200);
    expect((await h.client.computeNode.get("runner", a!)).schedulingState).toBe("disabled");
    const rebooted = await h.client.computeNode.reboot("runner", b!, { nodeRebootOption: "REQUEUE" as string as BatchServiceModels.ComputeNodeRebootOption });
    expect(rebooted._response.status).toBe(202);
    expect((await h.client.computeNode.get("runner", b!)).state).toBe("rebooting");
    const pool = await h.client.pool.add({
      id: "packed",
      vmSize: "standard_d2s_v5",
      virtualMachineConfiguration: { imageReference: {}, nodeAgentSKUId: "batch.node.ubuntu 22.04" },
      taskSchedulingPolicy: { nodeFillType: "Pack" as string as BatchServiceModels.ComputeNodeFillType },
    });
    expect(pool._response.status).toBe(201);
    // Sent in any case, returned PascalCase, as the real service does.
    expect((await h.client.pool.get("packed")).taskSchedulingPolicy?.nodeFillType).toBe("Pack");
  });

  it("echoes enum values of created entities as the service does: onAllTasksComplete lowercase, uploadCondition PascalCase", async () => {
    await addJob(h, "cased", "empty", { onAllTasksComplete: "TerminateJob" as string as BatchServiceModels.OnAllTasksComplete });
    expect((await h.client.job.get("cased")).onAllTasksComplete).toBe("terminatejob");
    await h.client.task.add("cased", {
      id: "uploads",
      commandLine: "true",
      outputFiles: [
        {
          filePattern: "*.txt",
          destination: { container: { containerUrl: "https://store.blob.core.windows.net/out?sv=2022-11-02&sp=w&se=2030-01-01&sig=x" } },
          uploadOptions: { uploadCondition: "TaskSuccess" as string as BatchServiceModels.OutputFileUploadCondition },
        },
      ],
    });
    const task = await h.client.task.get("cased", "uploads");
    expect(task.outputFiles?.[0]?.uploadOptions.uploadCondition).toBe("TaskSuccess");
  });
});

describe("fault injection through the control API", () => {
  it("throttles with 429 and a retry-after header, and fails with 503 ServerBusy (an outage: no retry-after), until reset", async () => {
    await h.control("PUT", "/faults", { throttleRate: 1, retryAfterSeconds: 7 });
    try {
      const throttled = await failure(h.client.pool.list());
      expect(throttled.statusCode).toBe(429);
      expect(throttled.response?.headers.get("retry-after")).toBe("7");

      await h.control("PUT", "/faults", { throttleRate: 0, serverBusyRate: 1 });
      const started = Date.now();
      const busy = await failure(h.client.job.list());
      expect(busy.statusCode).toBe(503);
      expect(busy.code).toBe("ServerBusy");
      expect(busy.response?.headers.get("retry-after")).toBeUndefined();
      // noRetryPolicy: the 503 surfaces at once instead of after the SDK's 30 s back-off.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await h.control("DELETE", "/faults");
    }
    const ok = await h.client.pool.list();
    expect(ok._response.status).toBe(200);
  });
});
