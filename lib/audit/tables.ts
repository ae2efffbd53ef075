import type { Generated } from "kysely";

/**
 * The tables as both stores hold them (lib/audit/schema.ts), typed once for Kysely's queries and for the
 * SQLite rows; times are ISO text in both, so text order is time order.
 */
export interface Tables {
  intents: {
    seq: Generated<number>;
    id: string;
    operation_id: string;
    time: string;
    actor: string;
    role: string;
    account: string;
    pool_id: string;
    node_id: string;
    action: string;
    option: string | null;
    reason: string;
    ticket: string | null;
    user_name: string | null;
    expiry_time: string | null;
    detail: string | null;
  };
  outcomes: { record_id: string; time: string; outcome: string; request_id: string | null; error: string | null };
  evidence: { record_id: string; body: string };
  snapshots: {
    seq: Generated<number>;
    id: string;
    account: string;
    kind: string;
    pool_id: string | null;
    job_id: string | null;
    task_id: string | null;
    node_id: string | null;
    view: string;
    frozen_view: string;
    note: string;
    author: string;
    taken_at: string;
    window_from: string | null;
    window_to: string | null;
    size_bytes: number;
    cut: string;
    content: Buffer;
  };
  cache: { kind: string; key: string; value: Buffer; bytes: number; used_at: number };
  claims: { account: string; operation_key: string; node_key: string; record_id: string; owner: string; held_until: number | null };
  schema_version: { version: number; applied_at: string };
}
