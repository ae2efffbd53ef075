import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { describe, expect, it } from "vitest";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { GET as taskGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/route";
import { GET as jobGET } from "@/app/api/accounts/[account]/jobs/[jobId]/route";
import { GET as nodeGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/route";
import { DELETE as nodeUserDELETE } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users/[userName]/route";
import { GET as poolGET } from "@/app/api/accounts/[account]/pools/[poolId]/route";
import { toApiError } from "@/lib/batch/errors";
import { removeUserResponse } from "@/lib/schemas/connect";
import { call, expectApiError, type RouteHandler, type RouteParams } from "../routes/support";
import { ANY_KEY, recordedBody, recordedHeader, replayPerSuite } from "./support";

const env = replayPerSuite("replay-errors", [
  "pool-get",
  "node-get",
  "job-get",
  "task-get-failed",
  "file-list-from-task",
  "error-404-node-user-not-found",
  "error-409-operation-not-valid-on-node",
]);
const a = () => env.account;
const base = () => `/api/accounts/${a()}`;
const NODE = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";

/** The request id the replay server sent with its last answer to a path ending so. */
const lastRequestId = (suffix: string) => env.server.requests.filter((r) => r.path.toLowerCase().endsWith(suffix.toLowerCase())).at(-1)?.requestId;

const cases: { name: string; handler: RouteHandler; url: () => string; params: () => RouteParams; code: string; what: string; path: string }[] = [
  {
    name: "pool",
    handler: poolGET,
    url: () => `${base()}/pools/gone-pool`,
    params: () => ({ account: a(), poolId: "gone-pool" }),
    code: "PoolNotFound",
    what: "pool",
    path: "/pools/gone-pool",
  },
  {
    name: "node",
    handler: nodeGET,
    url: () => `${base()}/pools/3d0a22a3/nodes/tvmps_gone`,
    params: () => ({ account: a(), poolId: "3d0a22a3", nodeId: "tvmps_gone" }),
    code: "NodeNotFound",
    what: "node",
    path: "/nodes/tvmps_gone",
  },
  {
    name: "job",
    handler: jobGET,
    url: () => `${base()}/jobs/gone-job`,
    params: () => ({ account: a(), jobId: "gone-job" }),
    code: "JobNotFound",
    what: "job",
    path: "/jobs/gone-job",
  },
  {
    name: "task",
    handler: taskGET,
    url: () => `${base()}/jobs/batch98930ae3/tasks/gone`,
    params: () => ({ account: a(), jobId: "batch98930ae3", taskId: "gone" }),
    code: "TaskNotFound",
    what: "task",
    path: "/tasks/gone",
  },
];

describe("Batch's 404s reach the browser as kind, code, message and request id", () => {
  for (const c of cases) {
    it(`an unknown ${c.name}: ${c.code}, the message without Batch's RequestId/Time lines`, async () => {
      const error = expectApiError(await call(c.handler, c.url(), c.params()), "notFound", 404);
      expect(error).toMatchObject({ status: 404, code: c.code, message: `The specified ${c.what} does not exist.` });
      expect(error.requestId).toBe(lastRequestId(c.path));
    });
  }

  it("a missing task file: FileNotFound although a HEAD carries no body", async () => {
    const error = expectApiError(
      await call(taskFileGET, `${base()}/jobs/batch2b751f41/tasks/test_task/files/gone.txt`, {
        account: a(),
        jobId: "batch2b751f41",
        taskId: "test_task",
        path: ["gone.txt"],
      }),
      "notFound",
      404,
    );
    expect(error.code).toBe("FileNotFound");
  });
});

describe("recorded error bodies, read as the dashboard reads every Batch failure", () => {
  const sdk = () => new BatchServiceClient(new BatchSharedKeyCredentials(a(), ANY_KEY), env.server.url, { noRetryPolicy: true });

  it("409 OperationNotValidOnNode (azure-sdk-for-python 2023): conflict, code, message and the recorded request id", async () => {
    const err = await sdk()
      .computeNode.reimage("3d0a22a3", "tvmps_8cdf66c790e4302ce091673c3a5ab1d1a27b1c781a58c14c733b8957899c3237_d")
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const recorded = recordedBody("error-409-operation-not-valid-on-node");
    expect(toApiError(err)).toEqual({
      kind: "conflict",
      status: 409,
      code: recorded.code,
      message: recorded.message.value.split("\n")[0],
      requestId: recordedHeader("error-409-operation-not-valid-on-node", "request-id"),
    });
    expect(toApiError(err).message).toBe("The specified operation is not valid on the node.");
  });

  it("404 NodeUserNotFound (azure-powershell 2024): notFound with the recorded request id", async () => {
    const err = await sdk()
      .computeNode.deleteUser("computenodeuserendtoendpool", "tvmps_60cfed2e81a0ebbb0d994f322486c94bb5b42a907a87ae8a39b6b5733bcbdf01_d", "userendtoend")
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(toApiError(err)).toEqual({
      kind: "notFound",
      status: 404,
      code: "NodeUserNotFound",
      message: "The specified node user does not exist.",
      requestId: "5289d960-216e-4097-a870-3ee2e52592c5",
    });
  });

  it("removing a user Batch no longer has is 'already gone', with Batch's code and request id", async () => {
    const url = `http://localhost${base()}/pools/3d0a22a3/nodes/${NODE}/users/bs-abcd2345`;
    const request = new Request(url, {
      method: "DELETE",
      headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify({ reason: "replay test" }),
    });
    const res = await nodeUserDELETE(request, { params: Promise.resolve({ account: a(), poolId: "3d0a22a3", nodeId: NODE, userName: "bs-abcd2345" }) });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = removeUserResponse.parse(JSON.parse(text));
    expect(body).toMatchObject({
      userName: "bs-abcd2345",
      outcome: "alreadyGone",
      error: { code: "NodeUserNotFound", message: "The specified node user does not exist." },
    });
    expect(body.requestId).toBe(lastRequestId("/users/bs-abcd2345"));
  });
});
