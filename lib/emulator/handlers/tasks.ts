import { iso } from "../clock";
import { BatchServiceError, Errors } from "../errors";
import { body, enumValue, optionalInt, requiredId, requiredString } from "../http/input";
import { entityReply, listPage } from "../http/list";
import type { Reply, RouteContext, Router } from "../http/router";
import { TASK_PROPS, taskJson } from "../http/serialize";
import { createdHeaders, entityHeaders } from "../http/wire-headers";
import type { JobRecord, OutputFile, TaskRecord, WireTask } from "../model/types";
import { TASK_FILTER } from "../odata/schemas";
import { parseDuration, UNLIMITED } from "../sim/context";
import { terminateTask } from "../sim/task-runs";
import { jobOf, taskOf } from "./lookup";

/** POST addtaskcollection: up to 100 tasks, one result each (a duplicate fails alone, as TaskExists). */
function addTaskCollection(c: RouteContext): Reply {
  const job = jobOf(c);
  const list = body(c).value;
  if (!Array.isArray(list)) throw Errors.missingProperty("value");
  if (list.length > 100) throw Errors.invalidProperty("value", list.length, "A collection may hold at most 100 tasks.");
  const value = list.map((item) => {
    const taskId = typeof item?.id === "string" ? item.id : "";
    try {
      const task = addTask(c, job, item as Record<string, unknown>);
      return {
        status: "Success",
        taskId,
        eTag: task.wire.eTag,
        lastModified: task.wire.lastModified,
        location: `${c.baseUrl}/jobs/${job.wire.id}/tasks/${taskId}`,
      };
    } catch (e) {
      if (!(e instanceof BatchServiceError)) throw e;
      return {
        status: e.status >= 500 ? "ServerError" : "ClientError",
        taskId,
        error: { code: e.code, message: { lang: "en-US", value: e.message }, values: e.values },
      };
    }
  });
  // status arrives PascalCase ("Success"), unlike most enums of the same response (docs/real-service.md).
  return { status: 200, json: { "odata.metadata": `${c.baseUrl}/$metadata#taskaddresult`, value } };
}

export function taskRoutes(r: Router): void {
  r.on("GET", "/jobs/:jobId/tasks", (c) =>
    listPage(c, jobOf(c).tasks, {
      filter: TASK_FILTER,
      selectable: TASK_PROPS,
      filterView: (t) => t.wire,
      toWire: (t) => taskJson(t, c.baseUrl),
    }),
  );

  r.on("POST", "/jobs/:jobId/tasks", (c) => {
    const job = jobOf(c);
    const task = addTask(c, job, body(c));
    return { status: 201, headers: createdHeaders(taskJson(task, c.baseUrl).url, task.wire) };
  });

  r.on("POST", "/jobs/:jobId/addtaskcollection", addTaskCollection);

  r.on("GET", "/jobs/:jobId/tasks/:taskId", (c) => {
    const { task } = taskOf(c);
    return entityReply(c, TASK_PROPS, taskJson(task, c.baseUrl), "tasks", entityHeaders(task.wire));
  });

  r.on("DELETE", "/jobs/:jobId/tasks/:taskId", (c) => {
    const { job, task } = taskOf(c);
    if (task.wire.state === "running") terminateTask(c.sim, job, task, "The task was deleted.");
    c.sim.store.removeTask(job, task);
    return { status: 200 };
  });

  r.on("POST", "/jobs/:jobId/tasks/:taskId/terminate", (c) => {
    const { job, task } = taskOf(c);
    if (task.wire.state === "completed") throw Errors.taskCompleted();
    terminateTask(c.sim, job, task, "Task was ended by user request.");
    return { status: 204 };
  });

  r.on("POST", "/jobs/:jobId/tasks/:taskId/reactivate", (c) => {
    const { job, task } = taskOf(c);
    if (["completed", "terminating", "deleting"].includes(job.wire.state)) throw Errors.jobNotActive(job.wire.state);
    if (task.wire.state !== "completed") throw Errors.taskNotCompleted();
    if (task.wire.executionInfo.result === "success") throw Errors.taskSucceeded();
    c.sim.store.updateTask(job, task, c.sim.now(), (t) => {
      t.state = "active";
      t.executionInfo = { retryCount: 0, requeueCount: t.executionInfo.requeueCount };
      delete t.nodeInfo;
    });
    c.sim.kick();
    return { status: 204 };
  });

  r.on("GET", "/jobs/:jobId/tasks/:taskId/subtasksinfo", (c) => {
    const { task } = taskOf(c);
    return { status: 200, json: { value: subtasks(task) } };
  });
}

/** Validates a TaskAddParameter and queues the task; the job's constraints fill what the task leaves out. */
function addTask(c: RouteContext, job: JobRecord, b: Record<string, unknown>): TaskRecord {
  const state = job.wire.state;
  if (state === "completed") throw Errors.jobCompleted();
  if (state === "terminating") throw Errors.jobBeingTerminated();
  if (state === "deleting") throw Errors.jobBeingDeleted();
  const id = requiredId(b, "id");
  if (job.tasks.has(id)) throw Errors.taskExists();
  const commandLine = requiredString(b, "commandLine");
  const given = (b.constraints ?? {}) as Partial<WireTask["constraints"]>;
  for (const key of ["maxWallClockTime", "retentionTime"] as const) {
    const v = given[key];
    if (v !== undefined && parseDuration(v) === undefined) throw Errors.invalidProperty(`constraints.${key}`, v, "Expected an ISO 8601 duration such as PT1H.");
  }
  const now = c.sim.now();
  const created = iso(now);
  const wire: WireTask = {
    id,
    ...(typeof b.displayName === "string" ? { displayName: b.displayName } : {}),
    eTag: "",
    lastModified: created,
    creationTime: created,
    state: "active",
    stateTransitionTime: created,
    commandLine,
    ...(Array.isArray(b.resourceFiles) ? { resourceFiles: b.resourceFiles } : {}),
    ...(Array.isArray(b.outputFiles) ? { outputFiles: b.outputFiles.map(outputFile) } : {}),
    ...(Array.isArray(b.environmentSettings) ? { environmentSettings: b.environmentSettings } : {}),
    constraints: {
      maxWallClockTime: given.maxWallClockTime ?? UNLIMITED,
      retentionTime: given.retentionTime ?? "P7D",
      maxTaskRetryCount: given.maxTaskRetryCount ?? job.wire.constraints?.maxTaskRetryCount ?? 0,
    },
    requiredSlots: optionalInt(b, "requiredSlots", 1, 1, 256),
    executionInfo: { retryCount: 0, requeueCount: 0 },
    ...(b.multiInstanceSettings ? { multiInstanceSettings: b.multiInstanceSettings as WireTask["multiInstanceSettings"] } : {}),
  };
  c.sim.store.touch(wire, now);
  const task: TaskRecord = { wire, jobId: job.wire.id, files: new Map(), run: 0 };
  c.sim.store.addTask(job, task);
  c.sim.kick();
  return task;
}

/** Batch echoes enum values in lowercase whatever case the caller sent ("TaskSuccess" → "tasksuccess"). */
function outputFile(o: unknown, i: number): OutputFile {
  const file = (o ?? {}) as Record<string, unknown>;
  const options = (file.uploadOptions ?? {}) as Record<string, unknown>;
  if (options.uploadCondition === undefined) throw Errors.missingProperty(`outputFiles[${i}].uploadOptions.uploadCondition`);
  const condition = enumValue(options, "uploadCondition", ["tasksuccess", "taskfailure", "taskcompletion"] as const, "tasksuccess");
  // Sent in any case, returned PascalCase ("TaskSuccess"), as recorded (docs/real-service.md).
  const uploadCondition = ({ tasksuccess: "TaskSuccess", taskfailure: "TaskFailure", taskcompletion: "TaskCompletion" } as const)[condition];
  return { ...file, uploadOptions: { ...options, uploadCondition } } as OutputFile;
}

/** Multi-instance tasks report one subtask per extra instance, mirroring the primary's run. */
function subtasks(task: TaskRecord) {
  const n = task.wire.multiInstanceSettings?.numberOfInstances ?? 1;
  const info = task.wire.executionInfo;
  const state = task.wire.state === "active" ? undefined : task.wire.state;
  if (!state) return [];
  return Array.from({ length: n - 1 }, (_, i) => ({
    id: i + 1,
    ...(task.wire.nodeInfo ? { nodeInfo: task.wire.nodeInfo } : {}),
    ...(info.startTime ? { startTime: info.startTime } : {}),
    ...(info.endTime ? { endTime: info.endTime, exitCode: info.exitCode ?? 0, result: info.result } : {}),
    state,
    stateTransitionTime: task.wire.stateTransitionTime,
  }));
}
