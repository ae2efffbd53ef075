import { z } from "zod";

/**
 * Snapshots: a view's evidence frozen under an unguessable id (docs/snapshots.md). What is frozen is the
 * API's own answers to the reads the view makes, keyed by their normalized path (lib/snapshots/api-path.ts),
 * so the snapshot page renders them with the same components as the live view.
 */
export const SNAPSHOT_KINDS = ["pool", "job", "task", "node", "file"] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** One frozen API answer. File bytes are base64 with their `content-range`; JSON bodies are utf8 text. */
export const frozenAnswer = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  encoding: z.enum(["utf8", "base64"]),
});
export type FrozenAnswer = z.infer<typeof frozenAnswer>;

export const snapshotMeta = z.object({
  id: z.string(),
  account: z.string(),
  kind: z.enum(SNAPSHOT_KINDS),
  /** The dashboard path and query as the operator asked to freeze it (the live view). */
  view: z.string(),
  /** The same view with its window resolved to absolute from/to: what the snapshot page shows. */
  frozenView: z.string(),
  poolId: z.string().optional(),
  jobId: z.string().optional(),
  taskId: z.string().optional(),
  nodeId: z.string().optional(),
  note: z.string(),
  author: z.string(),
  takenAt: z.string(),
  window: z.object({ from: z.string(), to: z.string() }).optional(),
  sizeBytes: z.number().int(),
  /** What was left out to stay within the size bound, in words; empty when nothing was cut. */
  cut: z.array(z.string()),
});
export type SnapshotMeta = z.infer<typeof snapshotMeta>;

export const snapshotContent = z.object({ answers: z.record(z.string(), frozenAnswer) });
export type SnapshotContent = z.infer<typeof snapshotContent>;

/** GET /api/accounts/{account}/snapshots/{id} */
export const snapshotResponse = z.object({ snapshot: snapshotMeta, content: snapshotContent });

/** POST /api/accounts/{account}/snapshots */
export const snapshotCreateBody = z.object({
  view: z.string().min(1).max(4096),
  note: z.string().max(2000).optional(),
});
export const snapshotCreated = z.object({ id: z.string(), url: z.string() });

/** DELETE /api/accounts/{account}/snapshots/{id} (operators; the reason goes into the audit record) */
export const snapshotDeleteBody = z.object({ reason: z.string().trim().min(1).max(500).optional() });
export const snapshotDeleted = z.object({ deleted: z.string(), recordId: z.string() });

/** GET /api/accounts/{account}/snapshots?pool=&job=&author=&cursor= (newest first) */
export const snapshotListResponse = z.object({ snapshots: z.array(snapshotMeta), nextCursor: z.string().optional() });
