/**
 * The part of a Batch task (CloudTask in the REST reference) the failure classifier reads. Everything is
 * optional because list calls use `$select`, and because the SDK deserialises dates to `Date` while the
 * raw wire (and the emulator) carries ISO strings.
 */
export interface TaskFacts {
  id: string;
  state?: string; // active|preparing|running|completed
  constraints?: { maxWallClockTime?: string; maxTaskRetryCount?: number };
  executionInfo?: {
    startTime?: Date | string;
    endTime?: Date | string;
    exitCode?: number;
    result?: string;
    retryCount?: number;
    lastRetryTime?: Date | string;
    requeueCount?: number;
    lastRequeueTime?: Date | string;
    failureInfo?: { category?: string; code?: string; message?: string; details?: { name?: string; value?: string }[] };
  };
  nodeInfo?: { nodeId?: string; poolId?: string };
}

export type FailureCategory = "PreProcessing" | "FileUpload" | "Application" | "Constraint" | "Terminated" | "Container" | "Node" | "Unknown";
