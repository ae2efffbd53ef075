import { z } from "zod";
import { timeWindow } from "./failures";

/**
 * Failure signatures of a pool's or a job's window (docs/architecture.md, "Failure signatures"): the
 * window's failed tasks grouped by category, failure code, exit code and the masked last line of their
 * stderr, read from a bounded sample of stderr tails.
 */
export const signatureTask = z.object({ jobId: z.string(), taskId: z.string(), nodeId: z.string().optional(), endTime: z.number() });
export type SignatureTask = z.infer<typeof signatureTask>;

/** Where a signature's line comes from: a stderr line, an empty stderr, no stderr to read, or no task of its group read. */
export const SIGNATURE_SOURCES = ["stderr", "empty", "unavailable", "notRun", "unsampled"] as const;
export type SignatureSource = (typeof SIGNATURE_SOURCES)[number];

export const failureSignature = z.object({
  /** A short hash of the signature's text: stable across refreshes, so `sig=` in a link keeps working. */
  id: z.string(),
  category: z.string(),
  code: z.string().optional(),
  exitCode: z.number().optional(),
  source: z.enum(SIGNATURE_SOURCES),
  /** The masked line, or what stands for it ("stderr not available", "not sampled"). Plain text. */
  line: z.string(),
  /** One task's own line, unmasked (secrets redacted). */
  example: z.string().optional(),
  exampleTask: signatureTask.optional(),
  /** Failed tasks of the window with this signature: those read, and those of a read task's group. */
  count: z.number(),
  /** Of `count`, the tasks whose stderr was read. */
  sampled: z.number(),
  /** Every node and job of the signature's tasks, the most affected first. */
  nodes: z.array(z.string()),
  jobs: z.array(z.string()),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** New: first seen in the window's last quarter, beside signatures failing before it (lib/failures/signature.ts). */
  newest: z.boolean(),
  /** The newest of its tasks, at most `TASKS_PER_SIGNATURE`. */
  tasks: z.array(signatureTask),
});
export type FailureSignature = z.infer<typeof failureSignature>;

export const signaturesResponse = z.object({
  asOf: z.string(),
  window: timeWindow,
  /** Failed tasks in the window. */
  failed: z.number(),
  /** Failed tasks whose stderr was read (at most `sampleLimit`). */
  sampled: z.number(),
  sampleLimit: z.number(),
  /** The pool whose nodes these are (the job's pool for a job), for links to node pages. */
  poolId: z.string().optional(),
  signatures: z.array(failureSignature),
});
export type SignaturesResponse = z.infer<typeof signaturesResponse>;

export { signatureId } from "./signature-id";
