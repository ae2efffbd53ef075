import { describe, expect, it } from "vitest";
import { GET as tasksGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/route";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { classifyTask } from "@/lib/failures/classify-task";
import { taskPage, type TaskPage } from "@/lib/schemas/tasks";
import { callOk, emulatorPerSuite, iso, odataTime, sdkTasks } from "./support";

// The incident scenario: ingest-2026-11-27 has over 3,000 tasks, so Batch answers in several pages of
// 1,000 and the route's cursor must carry a Batch nextLink, not only an offset into the first page.
const env = emulatorPerSuite({ scenario: "incident", account: "tasks-incident" });
const a = () => env.account;
const JOB = "ingest-2026-11-27";

async function page(query: string): Promise<TaskPage> {
  return callOk(tasksGET, `/api/accounts/${a()}/jobs/${JOB}/tasks?${query}`, { account: a(), jobId: JOB }, taskPage);
}

/** Every page of a task query, following nextCursor; also returns the pages for per-page checks. */
async function allPages(query: string): Promise<{ ids: string[]; rows: TaskPage["tasks"]; pages: TaskPage[] }> {
  const pages: TaskPage[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(`${query}${cursor ? `&cursor=${cursor}` : ""}`);
    pages.push(p);
    cursor = p.nextCursor;
    if (pages.length > 200) throw new Error("the cursor never ends");
  } while (cursor);
  const rows = pages.flatMap((p) => p.tasks);
  return { ids: rows.map((r) => r.id), rows, pages };
}

/** The whole job through the SDK, read once: the emulator's clock is frozen, so it does not change. */
let allSdk: ReturnType<typeof sdkTasks> | undefined;
const sdkJob = () => (allSdk ??= sdkTasks(env, JOB));

const badNodeIds = async () => {
  const nodes = await env.sdk.computeNode.list("prod-ingest");
  return INCIDENT_BAD_NODES.map((i) => nodes[i]!.id!);
};

describe("GET /api/accounts/[account]/jobs/[jobId]/tasks: pages", () => {
  it("walks the whole job with pageSize and cursor: every task exactly once, in Batch's order", async () => {
    const sdk = await sdkJob();
    expect(sdk.length).toBeGreaterThan(3_000);
    const { ids, pages } = await allPages("pageSize=300");
    // Every page is full except the last, and only the last has no cursor.
    for (const p of pages.slice(0, -1)) expect(p.tasks.length).toBe(300);
    expect(pages.at(-1)!.tasks.length).toBe(sdk.length - 300 * (pages.length - 1));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(sdk.map((t) => t.id));
    // A page of 300 that straddles Batch's 1,000-task pages resumes inside the next Batch page.
    expect(pages.some((p) => p.batchPagesRead > 1)).toBe(true);
  });

  it("the default page is 100 tasks and the maximum is 1000", async () => {
    const first = await page("");
    expect(first.tasks).toHaveLength(100);
    expect(first.nextCursor).toBeDefined();
    const big = await allPages("pageSize=1000");
    expect(big.pages[0]!.tasks).toHaveLength(1000);
    expect(big.ids).toEqual((await sdkJob()).map((t) => t.id));
  });

  it("a row carries what task.list says about the task", async () => {
    const p = await page("pageSize=50");
    const sdk = (await sdkJob()).slice(0, 50);
    for (const [i, t] of sdk.entries()) {
      const row = p.tasks[i]!;
      expect(row.id).toBe(t.id);
      expect(row.state).toBe(t.state);
      expect(row.nodeId).toBe(t.nodeInfo?.nodeId);
      expect(row.endTime).toBe(iso(t.executionInfo?.endTime));
      expect(row.exitCode).toBe(t.executionInfo?.exitCode);
      expect(row.classification.outcome).toBe(classifyTask({ ...t, id: t.id! }).outcome);
    }
  });
});

describe("GET /api/accounts/[account]/jobs/[jobId]/tasks: filters", () => {
  it("state=completed and state=running return what Batch's state filter returns", async () => {
    for (const state of ["completed", "running", "active"] as const) {
      const { ids } = await allPages(`state=${state}&pageSize=1000`);
      const sdk = await sdkTasks(env, JOB, `state eq '${state}'`);
      expect(ids, state).toEqual(sdk.map((t) => t.id));
    }
  });

  it("category=Application returns the failed tasks classifyTask calls Application, over all pages", async () => {
    const { ids, rows } = await allPages("category=Application&pageSize=40");
    const expected = (await sdkJob()).filter((t) => classifyTask({ ...t, id: t.id! }).category === "Application");
    expect(expected.length).toBeGreaterThan(50);
    expect(ids).toEqual(expected.map((t) => t.id));
    for (const r of rows) expect(r.classification).toMatchObject({ outcome: "failed", category: "Application" });
    // The bad nodes' tasks died of a full disk (ENOSPC) and of the OOM killer; their exit codes are explained.
    expect(rows.some((r) => r.exitCode === 137 && /SIGKILL|kill/i.test(r.classification.exitCodeMeaning ?? ""))).toBe(true);
  });

  it("nodeId returns exactly the tasks that ran on that node; with category, only its failures", async () => {
    const [bad] = await badNodeIds();
    const all = await sdkJob();
    const onNode = all.filter((t) => t.nodeInfo?.nodeId === bad);
    const { ids } = await allPages(`nodeId=${bad}&pageSize=25`);
    expect(onNode.length).toBeGreaterThan(30);
    expect(ids).toEqual(onNode.map((t) => t.id));
    const failedOnNode = onNode.filter((t) => classifyTask({ ...t, id: t.id! }).category === "Application");
    const both = await allPages(`nodeId=${bad}&category=Application&pageSize=1000`);
    expect(both.ids).toEqual(failedOnNode.map((t) => t.id));
    expect(failedOnNode.length).toBeGreaterThan(10);
  });

  it("exitCode=137 returns what Batch's exitCode filter returns", async () => {
    const { ids } = await allPages("exitCode=137&pageSize=10");
    const sdk = await sdkTasks(env, JOB, "executionInfo/exitCode eq 137");
    expect(sdk.length).toBeGreaterThan(5);
    expect(ids).toEqual(sdk.map((t) => t.id));
  });

  it("an absolute window (from/to) returns the tasks that ended inside it, as Batch's endTime filter does", async () => {
    const now = Date.parse((await page("pageSize=1")).asOf);
    const from = now - 2 * 3_600_000;
    const to = now - 3_600_000;
    const q = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const { ids, rows } = await allPages(`${q}&pageSize=200`);
    const sdk = await sdkTasks(env, JOB, `executionInfo/endTime ge ${odataTime(from)} and executionInfo/endTime lt ${odataTime(to)}`);
    expect(sdk.length).toBeGreaterThan(100);
    expect(ids).toEqual(sdk.map((t) => t.id));
    for (const r of rows) {
      const end = Date.parse(r.endTime!);
      expect(end >= from && end < to).toBe(true);
    }
    // Combined with a category, still exact.
    const failed = await allPages(`${q}&category=Application`);
    expect(failed.ids).toEqual(sdk.filter((t) => classifyTask({ ...t, id: t.id! }).category === "Application").map((t) => t.id));
  });

  it("a relative window (window=1h) ends at the service's now and spans one hour", async () => {
    const { rows, pages } = await allPages("window=1h&pageSize=1000");
    const asOf = Date.parse(pages[0]!.asOf);
    // asOf is the service's Date header (whole seconds); allow that second of slack on both edges.
    const inner = await sdkTasks(
      env,
      JOB,
      `executionInfo/endTime ge ${odataTime(asOf - 3_600_000 + 2_000)} and executionInfo/endTime lt ${odataTime(asOf - 2_000)}`,
    );
    const outer = await sdkTasks(
      env,
      JOB,
      `executionInfo/endTime ge ${odataTime(asOf - 3_600_000 - 2_000)} and executionInfo/endTime lt ${odataTime(asOf + 2_000)}`,
    );
    expect(inner.length).toBeGreaterThan(50);
    const ids = new Set(rows.map((r) => r.id));
    for (const t of inner) expect(ids.has(t.id!), t.id).toBe(true);
    const outerIds = new Set(outer.map((t) => t.id));
    for (const r of rows) expect(outerIds.has(r.id), r.id).toBe(true);
  });
});
