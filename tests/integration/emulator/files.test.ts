import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addJob, failure, readBody, readyPool, startHarness, taskCompleted, waitFor, type Harness } from "./harness";

let h: Harness;
let nodeId: string;
beforeAll(async () => {
  h = await startHarness();
  const nodes = await readyPool(h, "files", 1, {
    startTask: { commandLine: `/bin/sh -c "echo installing tools && echo start task ready"`, waitForSuccess: true },
  });
  nodeId = nodes[0]!.id!;
  await addJob(h, "fj", "files");
  await h.client.task.add("fj", { id: "t1", commandLine: `/bin/sh -c "echo hello world && echo oops >&2"` });
  await taskCompleted(h, "fj", "t1");
});
afterAll(() => h.close());

describe("task files", () => {
  it("lists the task directory: stdout.txt, stderr.txt and the wd directory", async () => {
    const files = await h.client.file.listFromTask("fj", "t1");
    const byName = Object.fromEntries(files.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(["stderr.txt", "stdout.txt", "wd"]);
    expect(byName.wd?.isDirectory).toBe(true);
    expect(byName["stdout.txt"]).toMatchObject({ isDirectory: false, properties: { contentLength: 12 } });
    expect(byName["stdout.txt"]?.url).toBe(`${h.emu.url}/jobs/fj/tasks/t1/files/stdout.txt`);
  });

  it("lists as the real service does on Linux: contentLength a string, text/plain, fileMode 0o100644, no creationTime", async () => {
    const files = await h.client.file.listFromTask("fj", "t1");
    const wire = JSON.parse(files._response.bodyAsText) as { value: { name: string; properties?: Record<string, unknown> }[] };
    const stdout = wire.value.find((f) => f.name === "stdout.txt");
    expect(stdout?.properties).toEqual({ lastModified: expect.any(String), contentLength: "12", contentType: "text/plain", fileMode: "0o100644" });
    expect(wire.value.find((f) => f.name === "wd")).not.toHaveProperty("properties");
  });

  it("reads stdout.txt and stderr.txt whole", async () => {
    const out = await h.client.file.getFromTask("fj", "t1", "stdout.txt");
    expect(out._response.status).toBe(200);
    expect((await readBody(out)).toString()).toBe("hello world\n");
    // The service sends "False" (a .NET boolean); the SDK's Boolean mapper passes it through as that string.
    expect(String(out.ocpBatchFileIsdirectory)).toBe("False");
    expect(out.contentLength).toBe(12);
    const err = await h.client.file.getFromTask("fj", "t1", "stderr.txt");
    expect((await readBody(err)).toString()).toBe("oops\n");
  });

  it("answers HEAD (getPropertiesFromTask) with the file's headers only", async () => {
    const props = await h.client.file.getPropertiesFromTask("fj", "t1", "stdout.txt");
    expect(props._response.status).toBe(200);
    expect(props).toMatchObject({
      contentLength: 12,
      ocpBatchFileMode: "0o100644",
      ocpBatchFileUrl: encodeURIComponent(`${h.emu.url}/jobs/fj/tasks/t1/files/stdout.txt`),
    });
    expect(props._response.headers.get("ocp-batch-file-isdirectory")).toBe("False");
    expect(props._response.headers.get("content-type")).toBe("text/plain");
    expect(props.lastModified).toBeInstanceOf(Date);
    // Linux nodes send no ocp-creation-time (Windows nodes do).
    expect(props.ocpCreationTime).toBeUndefined();
  });

  it("serves a byte range with ocpRange as 200 and exactly those bytes", async () => {
    const part = await h.client.file.getFromTask("fj", "t1", "stdout.txt", { fileGetFromTaskOptions: { ocpRange: "bytes=6-10" } });
    expect(part._response.status).toBe(200);
    expect((await readBody(part)).toString()).toBe("world");
    expect(part.contentLength).toBe(5);

    // A larger generated file: a range must be exactly the same slice as the whole read.
    await h.control("POST", "/jobs/fj/tasks/t1/files", { path: "wd/big.log", size: 200_000, seed: 3 });
    const whole = await readBody(await h.client.file.getFromTask("fj", "t1", "wd/big.log"));
    expect(whole.length).toBe(200_000);
    const slice = await readBody(await h.client.file.getFromTask("fj", "t1", "wd/big.log", { fileGetFromTaskOptions: { ocpRange: "bytes=123456-133455" } }));
    expect(slice.length).toBe(10_000);
    expect(slice.equals(whole.subarray(123_456, 133_456))).toBe(true);
  });

  it("serves a file kept in memory with the same bytes it generated, and refuses a file it does not have", async () => {
    await h.control("POST", "/jobs/fj/tasks/t1/files", { path: "wd/kept.log", size: 300_000, seed: 4 });
    const range = { fileGetFromTaskOptions: { ocpRange: "bytes=100000-199999" } };
    const generated = await readBody(await h.client.file.getFromTask("fj", "t1", "wd/kept.log", range));
    expect(await h.control("POST", "/jobs/fj/tasks/t1/files/in-memory", { path: "wd/kept.log" })).toEqual({ path: "wd/kept.log", size: 300_000 });
    expect((await readBody(await h.client.file.getFromTask("fj", "t1", "wd/kept.log", range))).equals(generated)).toBe(true);
    await expect(h.control("POST", "/jobs/fj/tasks/t1/files/in-memory", { path: "wd/none.log" })).rejects.toThrow(/400/);
  });

  it("serves open-ended and suffix ranges", async () => {
    const tail = await h.client.file.getFromTask("fj", "t1", "stdout.txt", { fileGetFromTaskOptions: { ocpRange: "bytes=6-" } });
    expect((await readBody(tail)).toString()).toBe("world\n");
    const last = await h.client.file.getFromTask("fj", "t1", "stdout.txt", { fileGetFromTaskOptions: { ocpRange: "bytes=-3" } });
    expect((await readBody(last)).toString()).toBe("ld\n");
    // An end past the file is clamped to the last byte, as HTTP ranges are.
    const clamped = await h.client.file.getFromTask("fj", "t1", "stdout.txt", { fileGetFromTaskOptions: { ocpRange: "bytes=6-999" } });
    expect(clamped.contentLength).toBe(6);
  });
});

describe("task files: names, filters and when they are gone", () => {
  it("encodes paths once: a file name with a space and non-ASCII round-trips", async () => {
    await h.control("POST", "/jobs/fj/tasks/t1/files", { path: "wd/my report ü.txt", size: 10 });
    const props = await h.client.file.getPropertiesFromTask("fj", "t1", "wd/my report ü.txt");
    expect(props.contentLength).toBe(10);
    // The whole url is percent-encoded, scheme included, as recorded: decoded once it is the file's url.
    expect(decodeURIComponent(props.ocpBatchFileUrl!)).toBe(`${h.emu.url}/jobs/fj/tasks/t1/files/wd/my report ü.txt`);
    const listed = await h.client.file.listFromTask("fj", "t1", { recursive: true, fileListFromTaskOptions: { filter: "startswith(name, 'wd/my')" } });
    expect(listed.map((f) => f.name)).toEqual(["wd/my report ü.txt"]);
  });

  it("filters a listing with startswith(name, ...)", async () => {
    const std = await h.client.file.listFromTask("fj", "t1", { fileListFromTaskOptions: { filter: "startswith(name,'std')" } });
    expect(std.map((f) => f.name).sort()).toEqual(["stderr.txt", "stdout.txt"]);
    const bad = await failure(h.client.file.listFromTask("fj", "t1", { fileListFromTaskOptions: { filter: "name eq 'stdout.txt'" } }));
    expect(bad.statusCode).toBe(400);
  });

  it("answers 409 TaskFilesCleanedup once the retention time has passed", async () => {
    await h.client.task.add("fj", { id: "brief", commandLine: `/bin/sh -c "echo short-lived"`, constraints: { retentionTime: "PT1M" } });
    await taskCompleted(h, "fj", "brief");
    expect((await readBody(await h.client.file.getFromTask("fj", "brief", "stdout.txt"))).toString()).toBe("short-lived\n");
    h.emu.advance(61_000);
    const e = await failure(h.client.file.listFromTask("fj", "brief"));
    expect([e.statusCode, e.code]).toEqual([409, "TaskFilesCleanedup"]);
  });

  it("answers 416 for an unsatisfiable range and 404 for a missing file", async () => {
    const e = await failure(h.client.file.getFromTask("fj", "t1", "stdout.txt", { fileGetFromTaskOptions: { ocpRange: "bytes=500-600" } }));
    expect(e.statusCode).toBe(416);
    const missing = await failure(h.client.file.getPropertiesFromTask("fj", "t1", "nope.txt"));
    expect(missing.statusCode).toBe(404);
  });
});

describe("node files", () => {
  it("lists startup files and the directories of tasks that ran there (recursive)", async () => {
    const files = await h.client.file.listFromComputeNode("files", nodeId, { recursive: true });
    const names = files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["startup", "startup/stdout.txt", "startup/stderr.txt", "workitems/fj/job-1/t1/stdout.txt"]));
    const top = await h.client.file.listFromComputeNode("files", nodeId);
    expect(top.every((f) => !f.name!.includes("/"))).toBe(true);
  });

  it("reads startup/stdout.txt whole and by range, and HEAD gives its size", async () => {
    const whole = await readBody(await h.client.file.getFromComputeNode("files", nodeId, "startup/stdout.txt"));
    expect(whole.toString()).toBe("installing tools\nstart task ready\n");
    const props = await h.client.file.getPropertiesFromComputeNode("files", nodeId, "startup/stdout.txt");
    expect(props.contentLength).toBe(whole.length);
    expect(String(props.ocpBatchFileIsdirectory)).toBe("False");
    const part = await h.client.file.getFromComputeNode("files", nodeId, "startup/stdout.txt", { fileGetFromComputeNodeOptions: { ocpRange: "bytes=0-9" } });
    expect(part._response.status).toBe(200);
    expect((await readBody(part)).toString()).toBe("installing");
    const dir = await h.client.file.getPropertiesFromComputeNode("files", nodeId, "startup");
    expect(dir._response.headers.get("ocp-batch-file-isdirectory")).toBe("True");
  });

  it("serves a task's output through the node path too, and 416 past the end", async () => {
    const viaNode = await readBody(await h.client.file.getFromComputeNode("files", nodeId, "workitems/fj/job-1/t1/stderr.txt"));
    expect(viaNode.toString()).toBe("oops\n");
    const e = await failure(
      h.client.file.getFromComputeNode("files", nodeId, "startup/stdout.txt", { fileGetFromComputeNodeOptions: { ocpRange: "bytes=1000-" } }),
    );
    expect(e.statusCode).toBe(416);
  });
});

describe("files after node actions", () => {
  it("a reboot keeps task files and re-runs the start task", async () => {
    const before = await h.client.computeNode.get("files", nodeId);
    await h.client.computeNode.reboot("files", nodeId);
    const after = await waitFor(
      h.emu,
      () => h.client.computeNode.get("files", nodeId),
      (n) => n.state === "idle",
      { stepMs: 5_000 },
    );
    expect(after.startTaskInfo?.startTime!.getTime()).toBeGreaterThan(before.startTaskInfo!.startTime!.getTime());
    expect(after.startTaskInfo).toMatchObject({ state: "completed", exitCode: 0, result: "success" });
    expect((await readBody(await h.client.file.getFromTask("fj", "t1", "stdout.txt"))).toString()).toBe("hello world\n");
  });

  it("a reimage deletes the task directories on the node: 409 TaskFilesUnavailable", async () => {
    const [node] = await readyPool(h, "classic", 1, { cloudServiceConfiguration: { osFamily: "6" }, virtualMachineConfiguration: undefined });
    await addJob(h, "cj", "classic");
    await h.client.task.add("cj", { id: "w", commandLine: `cmd /c "echo hi"` });
    await taskCompleted(h, "cj", "w");
    const listed = await h.client.file.listFromTask("cj", "w");
    expect(listed.map((f) => f.name)).toContain("stdout.txt");
    // Windows nodes: creationTime in the list and ocp-creation-time on HEAD, and no file mode.
    expect(listed.find((f) => f.name === "stdout.txt")?.properties).toMatchObject({ creationTime: expect.any(Date) });
    expect(listed.find((f) => f.name === "stdout.txt")?.properties?.fileMode).toBeUndefined();
    const props = await h.client.file.getPropertiesFromTask("cj", "w", "stdout.txt");
    expect(props.ocpCreationTime).toBeInstanceOf(Date);
    expect(props.ocpBatchFileMode).toBeUndefined();
    await h.client.computeNode.reimage("classic", node!.id!);
    const e = await failure(h.client.file.listFromTask("cj", "w"));
    expect([e.statusCode, e.code]).toEqual([409, "TaskFilesUnavailable"]);
  });
});
