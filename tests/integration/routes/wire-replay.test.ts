import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileListResponse, fileProperties } from "@/lib/schemas/files";
import { taskDetailResponse } from "@/lib/schemas/tasks";
import { handlers } from "./route-table";
import { call, callOk, expectApiError } from "./support";

// Responses as the real service sent them (recordings, docs/real-service.md), replayed over a loopback
// socket to the dashboard's routes through the real SDK: the capitalised header booleans, the string
// contentLength, the PascalCase failureInfo.category and the RequestId/Time trailer of error messages.
const NODE = "tvmps_45ba9b63b7e0dbd4291581790ad2a47524faf42fd572fc5f0b9c4fd84a8c6bc3_d";
const REQUEST_ID = "493afe8b-a9e9-4125-be24-71f031c02156";

interface Replay {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const JSON_HEADERS = { "Content-Type": "application/json;odata=minimalmetadata", DataServiceVersion: "3.0", "request-id": "d69c30f8-6167-490d-a286-c78cfbc7aa03" };

const REPLAYS: Record<string, Replay> = {
  "HEAD /jobs/job-1/tasks/test_task/files/stdout.txt": {
    status: 200,
    headers: { "Content-Length": "13", "Content-Type": "text/plain", "Last-Modified": "Thu, 07 Sep 2023 06:26:59 GMT", "ocp-batch-file-isdirectory": "False", "ocp-creation-time": "Thu, 07 Sep 2023 06:26:58 GMT" },
  },
  // No recording holds a True, but the header is the same .NET bool (docs/real-service.md).
  "HEAD /jobs/job-1/tasks/test_task/files/wd": {
    status: 200,
    headers: { "Content-Length": "0", "Last-Modified": "Thu, 07 Sep 2023 06:26:59 GMT", "ocp-batch-file-isdirectory": "True" },
  },
  "GET /jobs/job-1/tasks/test_task/files": {
    status: 200,
    headers: JSON_HEADERS,
    body: {
      "odata.metadata": "https://acct/$metadata#files",
      value: [
        { name: "stdout.txt", url: "https://acct/jobs/job-1/tasks/test_task/files/stdout.txt", isDirectory: false, properties: { lastModified: "2023-09-07T06:26:59.382382Z", contentLength: "13", contentType: "text/plain" } },
        { name: "wd", url: "https://acct/jobs/job-1/tasks/test_task/files/wd", isDirectory: true },
      ],
    },
  },
  "GET /jobs/job-1/tasks/test_task": {
    status: 200,
    headers: JSON_HEADERS,
    body: {
      id: "test_task",
      state: "completed",
      stateTransitionTime: "2020-11-23T23:23:57.666447Z",
      creationTime: "2020-11-23T23:23:56.6365423Z",
      commandLine: 'cmd /c "echo hello world"',
      constraints: { maxWallClockTime: "P10675199DT2H48M5.4775807S", retentionTime: "P7D", maxTaskRetryCount: 0 },
      requiredSlots: 1,
      executionInfo: {
        startTime: "2020-11-23T23:23:57.597786Z",
        endTime: "2020-11-23T23:23:57.666447Z",
        failureInfo: { category: "UserError", code: "CommandProgramNotFound", message: "The specified command program is not found", details: [{ name: "Message", value: "The system cannot find the file specified" }] },
        result: "failure",
        retryCount: 0,
        requeueCount: 0,
      },
      nodeInfo: { poolId: "pool-1", nodeId: NODE, taskRootDirectory: "workitems/job-1/job-1/test_task" },
    },
  },
  [`GET /pools/pool-1/nodes/${NODE}`]: {
    status: 409,
    headers: { ...JSON_HEADERS, "request-id": REQUEST_ID },
    body: {
      code: "OperationNotValidOnNode",
      message: { lang: "en-US", value: `The specified operation is not valid on the node.\nRequestId:${REQUEST_ID}\nTime:2023-09-07T03:52:36.3086536Z` },
      values: [{ key: "Reason", value: "Operation reimage can be invoked only on pools created with cloudServiceConfiguration" }],
    },
  },
};

function answer(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const replay = REPLAYS[`${req.method} ${decodeURIComponent(path)}`];
  if (!replay) {
    res.writeHead(404, JSON_HEADERS).end(JSON.stringify({ code: "ResourceNotFound", message: { lang: "en-US", value: `not replayed: ${req.method} ${path}` } }));
    return;
  }
  res.writeHead(replay.status, { Date: new Date().toUTCString(), ...replay.headers });
  res.end(replay.body === undefined || req.method === "HEAD" ? undefined : JSON.stringify(replay.body));
}

const ENV_KEYS = ["BATCH_ACCOUNTS_FILE", "BATCH_ACCOUNT_NAME", "BATCH_ACCOUNT_URL", "BATCH_ACCOUNT_KEY"] as const;
let saved: Record<string, string | undefined> = {};
let server: Server;
const account = "replay";

beforeAll(async () => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  delete process.env.BATCH_ACCOUNTS_FILE;
  process.env.BATCH_ACCOUNT_NAME = account;
  process.env.BATCH_ACCOUNT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.BATCH_ACCOUNT_KEY = Buffer.from("replay-key").toString("base64");
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const taskParams = { account, jobId: "job-1", taskId: "test_task" };
const taskUrl = `/api/accounts/${account}/jobs/job-1/tasks/test_task`;

describe("values as the real service sends them, through the routes", () => {
  it("a file's properties: ocp-batch-file-isdirectory False is a file and True a directory", async () => {
    const file = await callOk(handlers.taskFileGET, `${taskUrl}/files/stdout.txt?properties=true`, { ...taskParams, path: ["stdout.txt"] }, fileProperties);
    expect(file).toMatchObject({ name: "stdout.txt", isDirectory: false, size: 13, lastModified: "2023-09-07T06:26:59.000Z" });
    const dir = await callOk(handlers.taskFileGET, `${taskUrl}/files/wd?properties=true`, { ...taskParams, path: ["wd"] }, fileProperties);
    expect(dir.isDirectory).toBe(true);
  });

  it("a file list's contentLength string is a number", async () => {
    const list = await callOk(handlers.taskFilesGET, `${taskUrl}/files`, taskParams, fileListResponse);
    expect(list.files).toEqual([
      { name: "stdout.txt", isDirectory: false, size: 13, lastModified: "2023-09-07T06:26:59.382Z" },
      { name: "wd", isDirectory: true },
    ]);
  });

  it("failureInfo.category UserError is read as usererror and the task is classified", async () => {
    const { task } = await callOk(handlers.taskGET, taskUrl, taskParams, taskDetailResponse);
    expect(task.nodeId).toBe(NODE);
    expect(task.failureInfo?.category).toBe("usererror");
    expect(task.classification).toMatchObject({ outcome: "failed", category: "PreProcessing", serviceCategory: "usererror", code: "CommandProgramNotFound" });
  });

  it("an error's message loses its RequestId/Time trailer; the request id stays a field", async () => {
    const r = await call(handlers.nodeGET, `/api/accounts/${account}/pools/pool-1/nodes/${NODE}`, { account, poolId: "pool-1", nodeId: NODE });
    const e = expectApiError(r, "conflict", 409);
    expect(e).toMatchObject({ code: "OperationNotValidOnNode", message: "The specified operation is not valid on the node.", requestId: REQUEST_ID });
  });
});
