import type { FilterOp, FilterProperty, FilterSchema } from "./filter";

/**
 * Filterable properties per list operation, transcribed from the Batch service's OData reference
 * ("Create queries to list Batch resources efficiently").
 * Properties whose values come from a closed lowercase set are typed "enum"; the matching is the same as
 * for strings, the type only documents intent.
 */

const EQ: readonly FilterOp[] = ["eq"];
const EQ_NE: readonly FilterOp[] = ["eq", "ne"];
const ORDERED: readonly FilterOp[] = ["eq", "ne", "ge", "gt", "le", "lt"];
const ORDERED_OR_PREFIX: readonly FilterOp[] = ["startswith", ...ORDERED];

const datetime: FilterProperty = { type: "datetime", ops: ORDERED };

export const POOL_FILTER: FilterSchema = {
  id: { type: "string", ops: ORDERED_OR_PREFIX },
  state: { type: "enum", ops: EQ_NE },
  stateTransitionTime: datetime,
  allocationState: { type: "enum", ops: EQ },
  allocationStateTransitionTime: datetime,
  creationTime: datetime,
  lastModified: datetime,
  enableAutoScale: { type: "bool", ops: EQ_NE },
  vmSize: { type: "string", ops: EQ_NE },
  enableInterNodeCommunication: { type: "bool", ops: EQ_NE },
};

export const NODE_FILTER: FilterSchema = {
  state: { type: "enum", ops: EQ_NE },
  stateTransitionTime: datetime,
  lastBootTime: datetime,
  allocationTime: datetime,
  "startTaskInfo/state": { type: "enum", ops: EQ },
  "startTaskInfo/result": { type: "enum", ops: EQ_NE },
  "startTaskInfo/exitCode": { type: "int", ops: ORDERED },
  "startTaskInfo/startTime": datetime,
  "startTaskInfo/endTime": datetime,
};

export const NODECOUNTS_FILTER: FilterSchema = {
  poolId: { type: "string", ops: EQ },
};

export const JOB_FILTER: FilterSchema = {
  id: { type: "string", ops: ORDERED_OR_PREFIX },
  state: { type: "enum", ops: EQ_NE },
  stateTransitionTime: datetime,
  creationTime: datetime,
  lastModified: datetime,
  "executionInfo/startTime": datetime,
  "executionInfo/endTime": datetime,
  "executionInfo/poolId": { type: "string", ops: ORDERED_OR_PREFIX },
};

export const TASK_FILTER: FilterSchema = {
  id: { type: "string", ops: ORDERED_OR_PREFIX },
  state: { type: "enum", ops: EQ_NE },
  stateTransitionTime: datetime,
  creationTime: datetime,
  // The reference names it lastModifiedTime, but the task JSON field is lastModified; accept both.
  lastModifiedTime: { ...datetime, path: "lastModified" },
  lastModified: datetime,
  "executionInfo/startTime": datetime,
  "executionInfo/endTime": datetime,
  "executionInfo/exitCode": { type: "int", ops: ORDERED },
  "executionInfo/result": { type: "enum", ops: EQ_NE },
};

/** Task files and node files. */
export const FILE_FILTER: FilterSchema = {
  name: { type: "string", ops: ["startswith"] },
};

/**
 * The OData reference has no row for job schedules; these are the job list's own properties that a
 * schedule also has, so a filter that works on jobs works here.
 */
export const JOB_SCHEDULE_FILTER: FilterSchema = {
  id: { type: "string", ops: ORDERED_OR_PREFIX },
  state: { type: "enum", ops: EQ_NE },
  stateTransitionTime: datetime,
  creationTime: datetime,
  lastModified: datetime,
};
