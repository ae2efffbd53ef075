import { describe, expect, it } from "vitest";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { GET as taskFilesGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/route";
import { GET as nodeFileGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/[...path]/route";
import { GET as nodeFilesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/route";
import { FILE_HEADERS, fileListResponse, fileProperties } from "@/lib/schemas/files";
import { callBytes, callOk } from "../routes/support";
import { recordedBody, recordedHeader, replayPerSuite } from "./support";

// The azure-sdk-for-python file tests: a Windows node in 2023 (stdout.txt "hello world\r\n", an empty
// stderr.txt under workitems\…) and a Linux node in 2020 (an empty stderr.txt, with fileMode).
const env = replayPerSuite("replay-files", [
  "file-list-from-task",
  "file-properties-from-task",
  "file-get-from-task",
  "file-properties-wd-directory-derived",
  "file-list-from-task-linux",
  "file-properties-from-task-linux",
  "file-list-from-node",
  "file-properties-from-node",
  "file-get-from-node",
]);
const a = () => env.account;

const WIN_JOB = "batch2b751f41";
const LINUX_JOB = "batch98930ae3";
const POOL = "2b751f41";
const NODE = "tvmps_45ba9b63b7e0dbd4291581790ad2a47524faf42fd572fc5f0b9c4fd84a8c6bc3_d";
const NODE_STDERR = "workitems\\batch2b751f41\\job-1\\test_task\\stderr.txt";

const taskUrl = (job: string, rest = "") => `/api/accounts/${a()}/jobs/${job}/tasks/test_task/files${rest}`;
const taskParams = (job: string, path?: string) => ({ account: a(), jobId: job, taskId: "test_task", ...(path ? { path: path.split("/") } : {}) });
const nodeUrl = (rest = "") => `/api/accounts/${a()}/pools/${POOL}/nodes/${NODE}/files${rest}`;
const nodeParams = (path?: string) => ({ account: a(), poolId: POOL, nodeId: NODE, ...(path ? { path: [path] } : {}) });
const rfc1123ToIso = (s: string) => new Date(s).toISOString();

describe("task files from a recording", () => {
  it("lists a task directory: contentLength strings as sizes, directories as directories", async () => {
    const body = await callOk(taskFilesGET, taskUrl(WIN_JOB), taskParams(WIN_JOB), fileListResponse);
    expect(body.files).toEqual([
      { name: "stdout.txt", isDirectory: false, size: 13, lastModified: "2023-09-07T06:26:59.382Z" },
      { name: "wd", isDirectory: true },
    ]);
    const linux = await callOk(taskFilesGET, taskUrl(LINUX_JOB), taskParams(LINUX_JOB), fileListResponse);
    const recorded = recordedBody("file-list-from-task-linux").value as { name: string; isDirectory: boolean; properties?: { contentLength: string } }[];
    expect(linux.files.map((f) => [f.name, f.isDirectory, f.size])).toEqual(
      recorded.map((f) => [f.name, f.isDirectory, f.properties ? Number(f.properties.contentLength) : undefined]),
    );
    expect(linux.files.find((f) => f.name === "stderr.txt")).toMatchObject({ isDirectory: false, size: 0 });
  });

  it("reads properties from the HEAD headers: ocp-batch-file-isdirectory False is a file", async () => {
    expect(recordedHeader("file-properties-from-task", "ocp-batch-file-isdirectory")).toBe("False");
    const props = await callOk(taskFileGET, taskUrl(WIN_JOB, "/stdout.txt?properties=true"), taskParams(WIN_JOB, "stdout.txt"), fileProperties);
    expect(props).toEqual({
      name: "stdout.txt",
      isDirectory: false,
      size: Number(recordedHeader("file-properties-from-task", "Content-Length")),
      lastModified: rfc1123ToIso(recordedHeader("file-properties-from-task", "Last-Modified")!),
      creationTime: rfc1123ToIso(recordedHeader("file-properties-from-task", "ocp-creation-time")!),
    });
    const linux = await callOk(taskFileGET, taskUrl(LINUX_JOB, "/stderr.txt?properties=true"), taskParams(LINUX_JOB, "stderr.txt"), fileProperties);
    expect(linux).toMatchObject({
      isDirectory: false,
      size: 0,
      lastModified: rfc1123ToIso(recordedHeader("file-properties-from-task-linux", "last-modified")!),
    });
    expect(linux.creationTime).toBeUndefined(); // Linux nodes send no ocp-creation-time
  });

  it("reads ocp-batch-file-isdirectory True (the service's casing) as a directory", async () => {
    const props = await callOk(taskFileGET, taskUrl(WIN_JOB, "/wd?properties=true"), taskParams(WIN_JOB, "wd"), fileProperties);
    expect(props).toMatchObject({ name: "wd", isDirectory: true });
  });

  it("reads the file's bytes, its tail by default and any range asked for", async () => {
    const whole = await callBytes(taskFileGET, taskUrl(WIN_JOB, "/stdout.txt"), taskParams(WIN_JOB, "stdout.txt"));
    expect(whole.status).toBe(200);
    expect(whole.bytes.toString("utf8")).toBe(recordedBody("file-get-from-task"));
    expect(whole.headers.get(FILE_HEADERS.size)).toBe("13");
    expect(whole.headers.get(FILE_HEADERS.start)).toBe("0");
    const part = await callBytes(taskFileGET, taskUrl(WIN_JOB, "/stdout.txt?offset=6&length=5"), taskParams(WIN_JOB, "stdout.txt"));
    expect(part.bytes.toString("utf8")).toBe("world");
    expect(part.headers.get(FILE_HEADERS.start)).toBe("6");
    const ranged = env.server.requests.filter((r) => r.method === "GET" && r.path.endsWith("/stdout.txt"));
    expect(ranged.length).toBeGreaterThanOrEqual(2);
  });
});

describe("node files from a recording (Windows names with backslashes)", () => {
  it("lists the node's files with directories, names and sizes as recorded", async () => {
    const body = await callOk(nodeFilesGET, nodeUrl("?recursive=true"), nodeParams(), fileListResponse);
    const recorded = recordedBody("file-list-from-node").value as { name: string; isDirectory: boolean; properties?: { contentLength: string } }[];
    expect(body.files.map((f) => [f.name, f.isDirectory, f.size])).toEqual(
      recorded.map((f) => [f.name, f.isDirectory, f.properties ? Number(f.properties.contentLength) : undefined]),
    );
    expect(body.files.find((f) => f.name.endsWith("stdout.txt"))).toMatchObject({ isDirectory: false, size: 13 });
  });

  it("reads a file's properties and its (empty) content by its backslashed path", async () => {
    const props = await callOk(nodeFileGET, nodeUrl(`/${encodeURIComponent(NODE_STDERR)}?properties=true`), nodeParams(NODE_STDERR), fileProperties);
    expect(props).toMatchObject({
      name: NODE_STDERR,
      isDirectory: false,
      size: 0,
      lastModified: rfc1123ToIso(recordedHeader("file-properties-from-node", "Last-Modified")!),
    });
    const read = await callBytes(nodeFileGET, nodeUrl(`/${encodeURIComponent(NODE_STDERR)}`), nodeParams(NODE_STDERR));
    expect(read.status).toBe(200);
    expect(read.bytes.length).toBe(0);
    expect(read.headers.get(FILE_HEADERS.size)).toBe("0");
  });
});
