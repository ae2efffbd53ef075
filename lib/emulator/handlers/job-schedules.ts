import { iso } from "../clock";
import { Errors } from "../errors";
import { body, requiredId } from "../http/input";
import { parseJobSpecification, scheduleOf } from "../http/job-schedule-input";
import { JOB_SCHEDULE_PROPS, jobScheduleJson } from "../http/job-schedule-json";
import { entityReply, listPage } from "../http/list";
import { actionHeaders, createdHeaders, entityHeaders } from "../http/wire-headers";
import type { Reply, RouteContext, Router } from "../http/router";
import { JOB_PROPS, jobJson } from "../http/serialize";
import type { NameValue } from "../model/types";
import type { JobScheduleRecord, WireJobSchedule } from "../model/job-schedule-types";
import { JOB_FILTER, JOB_SCHEDULE_FILTER } from "../odata/schemas";
import { addJobSchedule, deleteSchedule, replan, setScheduleState, stopPlan, terminateSchedule } from "../sim/job-schedules";

function scheduleOfRequest(c: RouteContext): JobScheduleRecord {
  const rec = c.sim.store.schedules.get(c.params.jobScheduleId ?? "");
  if (!rec) throw Errors.jobScheduleNotFound();
  return rec;
}

/** Changes need a schedule that is neither finished nor on its way out. */
function changeable(rec: JobScheduleRecord): void {
  const state = rec.wire.state;
  if (state === "deleting") throw Errors.jobScheduleBeingDeleted();
  if (state === "terminating") throw Errors.jobScheduleBeingTerminated();
  if (state === "completed") throw Errors.jobScheduleCompleted();
}

const metadataOf = (b: Record<string, unknown>) => (Array.isArray(b.metadata) ? (b.metadata as NameValue[]) : undefined);

/** POST /jobschedules: a new active schedule, planned from now. */
function createJobSchedule(c: RouteContext): Reply {
  const b = body(c);
  const id = requiredId(b, "id");
  if (c.sim.store.schedules.has(id)) throw Errors.jobScheduleExists();
  const schedule = scheduleOf(b, true).value;
  const jobSpecification = parseJobSpecification(b);
  const metadata = metadataOf(b);
  const now = c.sim.now();
  const wire: WireJobSchedule = {
    id,
    ...(typeof b.displayName === "string" ? { displayName: b.displayName } : {}),
    eTag: "",
    lastModified: iso(now),
    creationTime: iso(now),
    state: "active",
    stateTransitionTime: iso(now),
    ...(schedule ? { schedule } : {}),
    jobSpecification,
    executionInfo: {},
    ...(metadata ? { metadata } : {}),
  };
  c.sim.store.touch(wire, now);
  const rec = addJobSchedule(c.sim, wire);
  const url = `${c.baseUrl}/jobschedules/${encodeURIComponent(id)}`;
  return { status: 201, headers: createdHeaders(url, rec.wire) };
}

/** PUT: replaces schedule, jobSpecification and metadata; what is left out is removed (the service's documented update semantics). */
function replaceJobSchedule(c: RouteContext): Reply {
  const rec = scheduleOfRequest(c);
  changeable(rec);
  const b = body(c);
  const schedule = scheduleOf(b, true).value;
  const jobSpecification = parseJobSpecification(b);
  const metadata = metadataOf(b);
  const w = rec.wire;
  if (schedule) w.schedule = schedule;
  else delete w.schedule;
  w.jobSpecification = jobSpecification;
  if (metadata) w.metadata = metadata;
  else delete w.metadata;
  return changed(c, rec);
}

/** PATCH: replaces only what it names. */
function patchJobSchedule(c: RouteContext): Reply {
  const rec = scheduleOfRequest(c);
  changeable(rec);
  const b = body(c);
  const schedule = scheduleOf(b, false);
  const jobSpecification = b.jobSpecification === undefined ? undefined : parseJobSpecification(b);
  const metadata = metadataOf(b);
  const w = rec.wire;
  if (schedule.given) {
    if (schedule.value) w.schedule = schedule.value;
    else delete w.schedule;
  }
  if (jobSpecification) w.jobSpecification = jobSpecification;
  if (metadata) w.metadata = metadata;
  return changed(c, rec);
}

export function jobScheduleRoutes(r: Router): void {
  r.on("GET", "/jobschedules", (c) =>
    listPage(c, c.sim.store.schedules, {
      filter: JOB_SCHEDULE_FILTER,
      selectable: JOB_SCHEDULE_PROPS,
      filterView: (s) => s.wire,
      toWire: (s) => jobScheduleJson(s, c.baseUrl),
    }),
  );

  r.on("POST", "/jobschedules", createJobSchedule);

  r.on("GET", "/jobschedules/:jobScheduleId", (c) => {
    const rec = scheduleOfRequest(c);
    return entityReply(c, JOB_SCHEDULE_PROPS, jobScheduleJson(rec, c.baseUrl), "jobschedules", entityHeaders(rec.wire));
  });

  // 404 without a body (the SDK's exists resolves false), as the service answers a HEAD.
  r.on("HEAD", "/jobschedules/:jobScheduleId", (c) => {
    const rec = c.sim.store.schedules.get(c.params.jobScheduleId ?? "");
    return rec ? { status: 200, headers: entityHeaders(rec.wire) } : { status: 404 };
  });

  r.on("PUT", "/jobschedules/:jobScheduleId", replaceJobSchedule);

  r.on("PATCH", "/jobschedules/:jobScheduleId", patchJobSchedule);

  r.on("POST", "/jobschedules/:jobScheduleId/disable", (c) => {
    const rec = scheduleOfRequest(c);
    changeable(rec);
    const now = c.sim.now();
    if (rec.wire.state !== "disabled") {
      stopPlan(rec);
      setScheduleState(rec, "disabled", now);
    }
    c.sim.store.touch(rec.wire, now);
    return { status: 204, headers: actionHeaders(`${c.baseUrl}${c.path}`, rec.wire) };
  });

  r.on("POST", "/jobschedules/:jobScheduleId/enable", (c) => {
    const rec = scheduleOfRequest(c);
    changeable(rec);
    const now = c.sim.now();
    c.sim.store.touch(rec.wire, now);
    if (rec.wire.state === "disabled") {
      setScheduleState(rec, "active", now);
      replan(c.sim, rec);
    }
    return { status: 204, headers: actionHeaders(`${c.baseUrl}${c.path}`, rec.wire) };
  });

  r.on("POST", "/jobschedules/:jobScheduleId/terminate", (c) => {
    const rec = scheduleOfRequest(c);
    changeable(rec);
    terminateSchedule(c.sim, rec);
    return { status: 202, headers: actionHeaders(`${c.baseUrl}${c.path}`, rec.wire) };
  });

  r.on("DELETE", "/jobschedules/:jobScheduleId", (c) => {
    const rec = scheduleOfRequest(c);
    if (rec.wire.state === "deleting") throw Errors.jobScheduleBeingDeleted();
    deleteSchedule(c.sim, rec);
    return { status: 202 };
  });

  r.on("GET", "/jobschedules/:jobScheduleId/jobs", (c) => {
    const rec = scheduleOfRequest(c);
    const ids = new Set(rec.jobIds.map((id) => id.toLowerCase()));
    return listPage(c, c.sim.store.jobs, {
      filter: JOB_FILTER,
      selectable: JOB_PROPS,
      where: (j) => ids.has(j.wire.id.toLowerCase()),
      filterView: (j) => j.wire,
      toWire: (j) => jobJson(j, c.baseUrl),
    });
  });
}

/** After an update or patch: a new eTag, and the next run worked out again from the new schedule. */
function changed(c: RouteContext, rec: JobScheduleRecord) {
  const now = c.sim.now();
  c.sim.store.touch(rec.wire, now);
  if (rec.wire.state === "active") replan(c.sim, rec);
  return { status: 200, headers: actionHeaders(`${c.baseUrl}${c.path}`, rec.wire) };
}
