import type { FileContent } from "../files/content";
import type { JobManagerTask } from "./job-schedule-types";
import type { OrderedCollection } from "./ordered";

/**
 * Wire shapes (JSON names of the Batch REST API). Dates are ISO strings; enums are kept lowercase and cased
 * as recorded on the way out (docs/real-service.md).
 */
export type NameValue = { name: string; value: string };
export interface FailureInfo {
  category: "UserError" | "ServerError";
  code: string;
  message: string;
  details?: NameValue[];
}
export interface ResourceFile {
  httpUrl?: string;
  storageContainerUrl?: string;
  autoStorageContainerName?: string;
  blobPrefix?: string;
  filePath?: string;
  fileMode?: string;
}
export interface OutputFile {
  filePattern: string;
  destination: { container?: { containerUrl: string; path?: string } };
  uploadOptions: { uploadCondition: "TaskSuccess" | "TaskFailure" | "TaskCompletion" };
}
export interface StartTask {
  commandLine: string;
  resourceFiles?: ResourceFile[];
  maxTaskRetryCount?: number;
  waitForSuccess?: boolean;
}
export interface TaskExecutionInfo {
  startTime?: string;
  endTime?: string;
  exitCode?: number;
  failureInfo?: FailureInfo;
  retryCount: number;
  lastRetryTime?: string;
  requeueCount: number;
  lastRequeueTime?: string;
  result?: "success" | "failure";
}
export interface StartTaskInfo {
  state: "running" | "completed";
  startTime: string;
  endTime?: string;
  exitCode?: number;
  failureInfo?: FailureInfo;
  retryCount: number;
  lastRetryTime?: string;
  result?: "success" | "failure";
}
export interface NodeError {
  code: string;
  message: string;
  errorDetails?: NameValue[];
}
export interface ResizeError {
  code: string;
  message: string;
  values?: NameValue[];
}

export type NodeState =
  | "idle"
  | "rebooting"
  | "reimaging"
  | "running"
  | "unusable"
  | "creating"
  | "starting"
  | "waitingforstarttask"
  | "starttaskfailed"
  | "unknown"
  | "leavingpool"
  | "offline"
  | "preempted"
  // 2025-06-01 (docs/real-service.md "API versions"): deallocate/start, and OS upgrades.
  | "upgradingos"
  | "deallocated"
  | "deallocating";
export type TaskState = "active" | "preparing" | "running" | "completed";
export type JobState = "active" | "disabling" | "disabled" | "enabling" | "terminating" | "completed" | "deleting";
export type TaskAction = "requeue" | "terminate" | "taskcompletion" | "retaineddata";

export interface WirePool {
  id: string;
  displayName?: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: "active" | "deleting";
  stateTransitionTime: string;
  allocationState: "steady" | "resizing" | "stopping";
  allocationStateTransitionTime: string;
  vmSize: string;
  virtualMachineConfiguration?: { imageReference: Record<string, string>; nodeAgentSKUId: string };
  cloudServiceConfiguration?: { osFamily: string; osVersion?: string };
  resizeTimeout: string;
  resizeErrors?: ResizeError[];
  currentDedicatedNodes: number;
  currentLowPriorityNodes: number;
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  enableAutoScale: boolean;
  enableInterNodeCommunication: boolean;
  startTask?: StartTask;
  taskSlotsPerNode: number;
  /** PascalCase on the wire whatever case was sent (docs/real-service.md). */
  taskSchedulingPolicy: { nodeFillType: "Spread" | "Pack" };
  metadata?: NameValue[];
}

export interface WireNode {
  id: string;
  state: NodeState;
  schedulingState: "enabled" | "disabled";
  stateTransitionTime: string;
  lastBootTime?: string;
  allocationTime: string;
  ipAddress: string;
  affinityId: string;
  vmSize: string;
  totalTasksRun: number;
  totalTasksSucceeded: number;
  runningTasksCount: number;
  runningTaskSlotsCount: number;
  startTask?: StartTask;
  startTaskInfo?: StartTaskInfo;
  errors?: NodeError[];
  isDedicated: boolean;
  endpointConfiguration?: {
    inboundEndpoints: {
      name: string;
      protocol: "tcp";
      publicIPAddress: string;
      publicFQDN: string;
      frontendPort: number;
      backendPort: number;
    }[];
  };
  nodeAgentInfo: { version: string; lastUpdateTime: string };
  virtualMachineInfo?: { imageReference: Record<string, string> };
}

export interface WireJob {
  id: string;
  displayName?: string;
  usesTaskDependencies: boolean;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: JobState;
  stateTransitionTime: string;
  previousState?: JobState;
  previousStateTransitionTime?: string;
  priority: number;
  maxParallelTasks: number;
  allowTaskPreemption: boolean;
  constraints?: { maxWallClockTime?: string; maxTaskRetryCount?: number };
  poolInfo: { poolId?: string };
  onAllTasksComplete: "noaction" | "terminatejob";
  onTaskFailure: "noaction" | "performexitoptionsjobaction";
  metadata?: NameValue[];
  /** Only on jobs made by a job schedule whose jobSpecification has one (sim/job-schedules.ts). */
  jobManagerTask?: JobManagerTask;
  executionInfo: { startTime: string; endTime?: string; poolId?: string; terminateReason?: string };
}

export interface WireTask {
  id: string;
  displayName?: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: TaskState;
  stateTransitionTime: string;
  previousState?: TaskState;
  previousStateTransitionTime?: string;
  commandLine: string;
  resourceFiles?: ResourceFile[];
  outputFiles?: OutputFile[];
  environmentSettings?: NameValue[];
  constraints: { maxWallClockTime: string; retentionTime: string; maxTaskRetryCount: number };
  requiredSlots: number;
  executionInfo: TaskExecutionInfo;
  nodeInfo?: { affinityId: string; poolId: string; nodeId: string; taskRootDirectory: string };
  multiInstanceSettings?: { numberOfInstances: number; coordinationCommandLine: string };
}

/** A file on a node: its content and times. */
export interface StoredFile {
  content: FileContent;
  creationMs: number;
  lastModifiedMs: number;
}

/** Internal records: the wire object plus what the simulation needs and Batch does not show. */
export interface PoolRecord {
  wire: WirePool;
  nodes: OrderedCollection<NodeRecord>;
  nodeCounter: number;
  /** Dedicated nodes this pool may hold before the account's core quota stops a resize. */
  quotaDedicatedNodes?: number;
  /** Spot/low-priority nodes the region can supply; a resize asking for more times out (AllocationTimedout). */
  spotCapacity?: number;
  /** Round-robin cursor over nodes, so spread scheduling does not always start at the first node. */
  cursor: number;
  deleted?: boolean;
}

/**
 * A user account on a node. The password and SSH key are checked and dropped, never stored, logged or
 * returned: Batch has no operation that reads users back.
 */
export interface NodeUser {
  name: string;
  isAdmin: boolean;
  expiryMs: number;
  hasPassword: boolean;
  hasSshKey: boolean;
}

export type NodeFault = "none" | "enospc" | "oom" | "diskfull" | "starttaskfailed" | "unusable";

export interface NodeRecord {
  wire: WireNode;
  poolId: string;
  running: Set<TaskRecord>;
  /** What makes this node bad: its tasks fail, its start task fails, or it turns unusable. */
  fault: NodeFault;
  /** Startup files (startup/stdout.txt …) keyed by path under the node root. */
  files: Map<string, StoredFile>;
  /** Tasks that ran here and may still have files on the node, newest last. */
  taskHistory: TaskRecord[];
  /** An action waiting for running tasks to finish (taskcompletion) or for retention to expire (retaineddata). */
  pending?: { action: "reboot" | "reimage" | "remove" | "disable" | "deallocate"; option: TaskAction };
  /** Bumped on every boot/reimage so events of an earlier life are ignored. */
  generation: number;
  removed?: boolean;
  portOffset: number;
  /** User accounts keyed by name (lowercased on Windows, where names are case-insensitive); a reimage clears them. */
  users: Map<string, NodeUser>;
}

export interface TaskRecord {
  wire: WireTask;
  jobId: string;
  /** Files of the current/last run, keyed by path under the task directory. */
  files: Map<string, StoredFile>;
  node?: NodeRecord;
  /** Bumped whenever a run starts or is cancelled, so a stale completion event is ignored. */
  run: number;
  filesGone?: "nodeRemoved" | "nodeReimaged" | "retention";
}

export interface JobRecord {
  wire: WireJob;
  tasks: OrderedCollection<TaskRecord>;
  /** Active tasks in submission order: the scheduler's queue. */
  queue: Map<string, TaskRecord>;
  counts: { active: number; running: number; completed: number; succeeded: number; failed: number };
  slotCounts: { active: number; running: number; completed: number; succeeded: number; failed: number };
  /** What GET taskcounts answers: a snapshot of counts/slotCounts that lags behind them (sim/task-counts.ts). */
  shownCounts?: { taskCounts: JobRecord["counts"]; taskSlotCounts: JobRecord["slotCounts"] };
  countsRefreshPending?: boolean;
}
