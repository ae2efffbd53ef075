import type { JobScheduleRecord } from "../model/job-schedule-types";

/** A stored schedule → the JSON Batch sends: the schedule's and its recent job's urls are derived here. */
export function jobScheduleJson(s: JobScheduleRecord, base: string) {
  const w = s.wire;
  const recent = w.executionInfo.recentJob;
  return {
    ...w,
    url: `${base}/jobschedules/${encodeURIComponent(w.id)}`,
    executionInfo: {
      ...w.executionInfo,
      ...(recent ? { recentJob: { url: `${base}/jobs/${encodeURIComponent(recent.id)}`, id: recent.id } } : {}),
    },
  };
}

export const JOB_SCHEDULE_PROPS = new Set([
  "id",
  "displayName",
  "url",
  "eTag",
  "lastModified",
  "creationTime",
  "state",
  "stateTransitionTime",
  "previousState",
  "previousStateTransitionTime",
  "schedule",
  "jobSpecification",
  "executionInfo",
  "metadata",
  "stats",
]);
