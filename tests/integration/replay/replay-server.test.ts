import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byteRange, matchKey, missingResource, startReplayServer, type ReplayServer } from "../../support/replay-server";
import { ANY_KEY, recordedBody, recordedHeader } from "./support";

describe("replay matching", () => {
  it("matches by method and path, ids in any case and encoding, and only the query parameters that pick an answer", () => {
    expect(matchKey("get", "/Jobs/Sched%3Ajob-1")).toBe(matchKey("GET", "/jobs/sched:job-1"));
    expect(matchKey("GET", "/pools/p/nodes/n/files/workitems%5Cjob%5Cstderr.txt")).toBe("GET /pools/p/nodes/n/files/workitems\\job\\stderr.txt");
    expect(matchKey("GET", "/pools", { "api-version": "x", $select: "id", timeout: "30" })).toBe("GET /pools");
    expect(matchKey("GET", "/nodecounts", { $filter: "poolId eq 'a'" })).not.toBe(matchKey("GET", "/nodecounts"));
    expect(matchKey("HEAD", "/jobs/j/tasks/t/files/a")).not.toBe(matchKey("GET", "/jobs/j/tasks/t/files/a"));
  });

  it("names the first unknown resource of a path in a 404", () => {
    const known = new Set(["/pools", "/pools/p", "/pools/p/nodes", "/pools/p/nodes/n", "/jobs", "/jobs/j", "/jobs/j/tasks", "/jobs/j/tasks/t"]);
    expect(missingResource("/pools/nope", known).code).toBe("PoolNotFound");
    expect(missingResource("/pools/nope/nodes/n", known).code).toBe("PoolNotFound");
    expect(missingResource("/pools/P/nodes/gone", known)).toEqual({ code: "NodeNotFound", message: "The specified node does not exist." });
    expect(missingResource("/jobs/x/tasks/t", known).code).toBe("JobNotFound");
    expect(missingResource("/jobs/j/tasks/x", known).code).toBe("TaskNotFound");
    expect(missingResource("/jobs/j/tasks/t/files/wd/out.txt", known).code).toBe("FileNotFound");
    expect(missingResource("/pools/p/nodes/n/users/bs-abc", known).code).toBe("NodeUserNotFound");
    expect(missingResource("/jobschedules/s", known).code).toBe("JobScheduleNotFound");
  });

  it("reads byte ranges as Batch's ocp-range gives them", () => {
    expect(byteRange("bytes=0-4", 13)).toEqual([0, 4]);
    expect(byteRange("bytes=6-", 13)).toEqual([6, 12]);
    expect(byteRange("bytes=-2", 13)).toEqual([11, 12]);
    expect(byteRange("bytes=20-30", 13)).toBeUndefined();
  });
});

describe("replay server over HTTP", () => {
  let server: ReplayServer;
  let sdk: BatchServiceClient;
  beforeAll(async () => {
    server = await startReplayServer(["pool-get", "file-get-from-task", "job-list-page-1-derived", "job-list-page-2-derived"]);
    sdk = new BatchServiceClient(new BatchSharedKeyCredentials("replay", ANY_KEY), server.url, { noRetryPolicy: true });
  });
  afterAll(() => server.close());

  it("answers the SDK with the recorded status, header names and body", async () => {
    const res = await fetch(`${server.url}/pools/NCJ-Ubuntu1604?api-version=2022-10-01.16.0`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(recordedHeader("pool-get", "ETag"));
    expect(res.headers.get("date")).toBe(recordedHeader("pool-get", "Date"));
    expect(await res.json()).toEqual(recordedBody("pool-get"));
    const pool = await sdk.pool.get("ncj-ubuntu1604");
    expect(pool.lastModified?.toISOString()).toBe("2022-09-06T23:44:11.515Z");
    expect(server.count("GET", "/pools/ncj-ubuntu1604")).toBe(2);
  });

  it("refuses a request without api-version, as the service does", async () => {
    const res = await fetch(`${server.url}/pools/ncj-ubuntu1604`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("MissingRequiredQueryParameter");
  });

  it("answers an unknown id with a recorded-form 404 whose request id is in the message", async () => {
    const res = await fetch(`${server.url}/pools/nope?api-version=2022-10-01.16.0`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { "odata.metadata": string; code: string; message: { lang: string; value: string } };
    expect(body.code).toBe("PoolNotFound");
    expect(body["odata.metadata"]).toMatch(/\$metadata#Microsoft\.Azure\.Batch\.Protocol\.Entities\.Container\.errors\/@Element$/);
    expect(body.message.lang).toBe("en-US");
    expect(body.message.value).toMatch(
      new RegExp(
        `^The specified pool does not exist\\.\\nRequestId:${res.headers.get("request-id")}\\nTime:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z$`,
      ),
    );
  });

  it("honours ocp-range on a file", async () => {
    const res = await sdk.file.getFromTask("batch2b751f41", "test_task", "stdout.txt", { fileGetFromTaskOptions: { ocpRange: "bytes=6-10" } });
    const chunks: Buffer[] = [];
    for await (const c of res.readableStreamBody ?? []) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("world");
  });

  it("points odata.nextLink at itself and serves the next page for its $skiptoken", async () => {
    const first = await sdk.job.list();
    expect(first.map((j) => j.id)).toEqual(["job1"]);
    expect(first.odatanextLink?.startsWith(`${server.url}/jobs?`)).toBe(true);
    const second = await sdk.job.listNext(first.odatanextLink!);
    expect(second.map((j) => j.id)).toEqual(["testDisableEnableTerminateJobSchedule:job-1"]);
    expect(second.odatanextLink).toBeUndefined();
  });
});
