import { describe, expect, it } from "vitest";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { GET as taskFilesGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/route";
import { GET as nodeFileGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/[...path]/route";
import { GET as nodeFilesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/route";
import { DEFAULT_TAIL_BYTES } from "@/lib/batch/files";
import { fileListResponse, fileProperties } from "@/lib/schemas/files";
import { all, callBytes, callOk, emulatorPerSuite, iso, sdkTasks } from "./support";

// The demo scenario: render-frames/frame-encode-all has a 1 GiB stdout.txt and a 150 MiB stderr.txt
// (generated on read), failed frames have short stderr.txt files, and the starttaskfailed node keeps its
// start task's logs under startup/.
const env = emulatorPerSuite({ scenario: "demo", account: "files-demo" });
const a = () => env.account;
const JOB = "render-frames";
const BIG = "frame-encode-all";
const POOL = "render-linux";

async function readStream(response: { readableStreamBody?: NodeJS.ReadableStream }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The same bytes read straight through the SDK with an ocp-range header. */
async function sdkTaskRange(taskId: string, path: string, start: number, end: number): Promise<Buffer> {
  return readStream(await env.sdk.file.getFromTask(JOB, taskId, path, { fileGetFromTaskOptions: { ocpRange: `bytes=${start}-${end}` } }));
}

const taskFileUrl = (taskId: string, path: string, query = "") => `/api/accounts/${a()}/jobs/${JOB}/tasks/${taskId}/files/${path}${query ? `?${query}` : ""}`;
const taskFileParams = (taskId: string, path: string) => ({ account: a(), jobId: JOB, taskId, path: path.split("/") });

async function startFailedNode(): Promise<string> {
  const nodes = await env.sdk.computeNode.list(POOL);
  return nodes.find((n) => n.state === "starttaskfailed")!.id!;
}

describe("GET …/tasks/[taskId]/files", () => {
  it("lists the task directory as file.listFromTask does, flat and recursive", async () => {
    for (const recursive of [false, true]) {
      const body = await callOk(
        taskFilesGET,
        `/api/accounts/${a()}/jobs/${JOB}/tasks/${BIG}/files?recursive=${recursive}`,
        { account: a(), jobId: JOB, taskId: BIG },
        fileListResponse,
      );
      const files = await all(env.sdk.file.listFromTask(JOB, BIG, { recursive }), (l) => env.sdk.file.listFromTaskNext(l));
      expect(body.files).toEqual(
        files.map((f) => ({
          name: f.name,
          isDirectory: f.isDirectory,
          ...(f.properties?.contentLength !== undefined ? { size: f.properties.contentLength } : {}),
          ...(f.properties?.lastModified ? { lastModified: iso(f.properties.lastModified) } : {}),
        })),
      );
      expect(body.files.find((f) => f.name === "stdout.txt")).toMatchObject({ isDirectory: false, size: 1 << 30 });
    }
  });
});

describe("GET …/tasks/[taskId]/files/[...path]", () => {
  it("?properties=true gives the file's size and times as getPropertiesFromTask does", async () => {
    for (const path of ["stdout.txt", "stderr.txt"]) {
      const props = await callOk(taskFileGET, taskFileUrl(BIG, path, "properties=true"), taskFileParams(BIG, path), fileProperties);
      const p = await env.sdk.file.getPropertiesFromTask(JOB, BIG, path);
      expect(props).toEqual({ name: path, isDirectory: false, size: p.contentLength, lastModified: iso(p.lastModified), creationTime: iso(p.ocpCreationTime) });
    }
  });

  it("without a range, gives the last 64 KiB of a 1 GiB log: the same bytes as getFromTask with ocpRange", async () => {
    const size = 1 << 30;
    const r = await callBytes(taskFileGET, taskFileUrl(BIG, "stdout.txt"), taskFileParams(BIG, "stdout.txt"));
    expect(r.status).toBe(200);
    expect(DEFAULT_TAIL_BYTES).toBe(64 * 1024);
    expect(r.headers.get("x-file-size")).toBe(String(size));
    expect(r.headers.get("x-range-start")).toBe(String(size - DEFAULT_TAIL_BYTES));
    expect(r.headers.get("content-type")).toBe("application/octet-stream");
    expect(r.headers.get("content-disposition")).toBe("attachment");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.bytes.length).toBe(DEFAULT_TAIL_BYTES);
    expect(r.bytes.equals(await sdkTaskRange(BIG, "stdout.txt", size - DEFAULT_TAIL_BYTES, size - 1))).toBe(true);
  });

  it("offset and length select exactly that byte range", async () => {
    const offset = 123_456_789;
    const length = 10_000;
    const r = await callBytes(taskFileGET, taskFileUrl(BIG, "stderr.txt", `offset=${offset}&length=${length}`), taskFileParams(BIG, "stderr.txt"));
    expect(r.status).toBe(200);
    expect(r.headers.get("x-file-size")).toBe(String(150 << 20));
    expect(r.headers.get("x-range-start")).toBe(String(offset));
    expect(r.bytes.length).toBe(length);
    expect(r.bytes.equals(await sdkTaskRange(BIG, "stderr.txt", offset, offset + length - 1))).toBe(true);
  });

  it("a length alone is the tail of that length; an offset near the end stops at the end", async () => {
    const size = 1 << 30;
    const tail = await callBytes(taskFileGET, taskFileUrl(BIG, "stdout.txt", "length=1000"), taskFileParams(BIG, "stdout.txt"));
    expect(tail.headers.get("x-range-start")).toBe(String(size - 1000));
    expect(tail.bytes.equals(await sdkTaskRange(BIG, "stdout.txt", size - 1000, size - 1))).toBe(true);

    const end = await callBytes(taskFileGET, taskFileUrl(BIG, "stdout.txt", `offset=${size - 100}`), taskFileParams(BIG, "stdout.txt"));
    expect(end.headers.get("x-range-start")).toBe(String(size - 100));
    expect(end.bytes.equals(tail.bytes.subarray(900))).toBe(true);

    // Past the end (a log read before it grew): nothing, and the current size to poll from.
    const past = await callBytes(taskFileGET, taskFileUrl(BIG, "stdout.txt", `offset=${size + 10}`), taskFileParams(BIG, "stdout.txt"));
    expect(past.status).toBe(200);
    expect(past.bytes.length).toBe(0);
    expect(past.headers.get("x-file-size")).toBe(String(size));
  });

  it("a file smaller than 64 KiB comes whole, from byte 0: a failed frame's stderr.txt", async () => {
    const failed = await sdkTasks(env, JOB, "executionInfo/result eq 'failure'");
    const task = failed.find((t) => t.executionInfo?.exitCode === 137) ?? failed[0]!;
    const whole = await readStream(await env.sdk.file.getFromTask(JOB, task.id!, "stderr.txt"));
    expect(whole.length).toBeGreaterThan(0);
    const r = await callBytes(taskFileGET, taskFileUrl(task.id!, "stderr.txt"), taskFileParams(task.id!, "stderr.txt"));
    expect(r.status).toBe(200);
    expect(r.headers.get("x-file-size")).toBe(String(whole.length));
    expect(r.headers.get("x-range-start")).toBe("0");
    expect(r.bytes.equals(whole)).toBe(true);
  });
});

describe("GET …/nodes/[nodeId]/files and …/files/[...path]", () => {
  it("lists the node's files as file.listFromComputeNode does, flat and recursive", async () => {
    const nodeId = await startFailedNode();
    for (const recursive of [false, true]) {
      const body = await callOk(
        nodeFilesGET,
        `/api/accounts/${a()}/pools/${POOL}/nodes/${nodeId}/files?recursive=${recursive}`,
        { account: a(), poolId: POOL, nodeId },
        fileListResponse,
      );
      const files = await all(env.sdk.file.listFromComputeNode(POOL, nodeId, { recursive }), (l) => env.sdk.file.listFromComputeNodeNext(l));
      expect(body.files.map((f) => [f.name, f.isDirectory, f.size])).toEqual(files.map((f) => [f.name, f.isDirectory, f.properties?.contentLength]));
    }
  });

  it("reads a node file (the failed start task's stderr) whole, with properties, as the SDK does", async () => {
    const nodeId = await startFailedNode();
    const path = "startup/stderr.txt";
    const params = { account: a(), poolId: POOL, nodeId, path: path.split("/") };
    const url = `/api/accounts/${a()}/pools/${POOL}/nodes/${nodeId}/files/${path}`;
    const whole = await readStream(await env.sdk.file.getFromComputeNode(POOL, nodeId, path));
    expect(whole.toString()).toContain("Unable to locate package");
    const r = await callBytes(nodeFileGET, url, params);
    expect(r.status).toBe(200);
    expect(r.headers.get("x-file-size")).toBe(String(whole.length));
    expect(r.headers.get("x-range-start")).toBe("0");
    expect(r.bytes.equals(whole)).toBe(true);

    const part = await callBytes(nodeFileGET, `${url}?offset=3&length=20`, params);
    const sdkPart = await readStream(await env.sdk.file.getFromComputeNode(POOL, nodeId, path, { fileGetFromComputeNodeOptions: { ocpRange: "bytes=3-22" } }));
    expect(part.headers.get("x-range-start")).toBe("3");
    expect(part.bytes.equals(sdkPart)).toBe(true);

    const props = await callOk(nodeFileGET, `${url}?properties=true`, params, fileProperties);
    const p = await env.sdk.file.getPropertiesFromComputeNode(POOL, nodeId, path);
    expect(props).toEqual({ name: path, isDirectory: false, size: p.contentLength, lastModified: iso(p.lastModified), creationTime: iso(p.ocpCreationTime) });
  });

  it("reads a task's log through its node's file system: the same tail as through the task", async () => {
    const task = await env.sdk.task.get(JOB, BIG);
    const nodeId = task.nodeInfo!.nodeId!;
    const path = `${task.nodeInfo!.taskRootDirectory!.replace(/^\/+/, "")}/stdout.txt`;
    const viaNode = await callBytes(nodeFileGET, `/api/accounts/${a()}/pools/${POOL}/nodes/${nodeId}/files/${path}`, {
      account: a(),
      poolId: POOL,
      nodeId,
      path: path.split("/"),
    });
    const viaTask = await callBytes(taskFileGET, taskFileUrl(BIG, "stdout.txt"), taskFileParams(BIG, "stdout.txt"));
    expect(viaNode.status).toBe(200);
    expect(viaNode.headers.get("x-file-size")).toBe(String(1 << 30));
    expect(viaNode.bytes.equals(viaTask.bytes)).toBe(true);
  });
});
