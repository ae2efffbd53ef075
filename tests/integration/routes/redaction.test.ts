import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditRecordResponse } from "@/lib/schemas/audit";
import { nodeDetailResponse } from "@/lib/schemas/nodes";
import { poolDetailResponse } from "@/lib/schemas/pools";
import { taskDetailResponse } from "@/lib/schemas/tasks";
import { actOk, readyPool, waitFor } from "./remediation-support";
import { handlers } from "./route-table";
import { callOk, emulatorPerSuite } from "./support";

// Secrets in what Batch holds (command lines, start tasks, task output) reach neither the routes' JSON
// nor the evidence kept in the audit store: redacted where Batch data becomes API data (lib/redact.ts).
const env = emulatorPerSuite({ scenario: "empty", account: "redact" });
const a = () => env.account;

const SIG = "Zm9vYmFyc2lnbmF0dXJl";
const TASK_PASSWORD = "Tr0ub4dor";
const START_PASSWORD = "St4rtS3cret";
const SAS_URL = `https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=${SIG}&se=2027-01-01`;
// The task prints its own secrets to stderr, as a failing tool that echoes its arguments does.
const TASK_COMMAND = `/bin/sh -c 'echo "azcopy copy ${SAS_URL} --password ${TASK_PASSWORD}" >&2; exit 3'`;
const START_COMMAND = `/bin/sh -c 'echo sshpass -p ${START_PASSWORD} ready'`;
const SECRETS = [SIG, TASK_PASSWORD, START_PASSWORD];

function auditBytes(): string {
  const dir = dirname(process.env.BATCHSCOPE_AUDIT_DB!);
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString("latin1"))
    .join("\n");
}

describe("redaction at the Batch-to-API edge", () => {
  it("task, pool and node routes show command lines redacted, and the evidence saved before a removal is redacted", async () => {
    const [nodeId] = await readyPool(env, "rp", 1, { startTask: { commandLine: START_COMMAND, waitForSuccess: true } });
    await env.sdk.job.add({ id: "rj", poolInfo: { poolId: "rp" } });
    await env.sdk.task.add("rj", { id: "leaky", commandLine: TASK_COMMAND });
    await waitFor(
      env.emu,
      () => env.sdk.task.get("rj", "leaky"),
      (t) => t.state === "completed",
      { stepMs: 1_000 },
    );
    // Batch itself holds the secrets: the test would prove nothing otherwise.
    expect((await env.sdk.task.get("rj", "leaky")).commandLine).toContain(TASK_PASSWORD);

    const { task } = await callOk(
      handlers.taskGET,
      `/api/accounts/${a()}/jobs/rj/tasks/leaky`,
      { account: a(), jobId: "rj", taskId: "leaky" },
      taskDetailResponse,
    );
    expect(task.commandLine).toBe(
      `/bin/sh -c 'echo "azcopy copy https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=[redacted]&se=2027-01-01 --password [redacted]" >&2; exit 3'`,
    );
    const { pool } = await callOk(handlers.poolGET, `/api/accounts/${a()}/pools/rp`, { account: a(), poolId: "rp" }, poolDetailResponse);
    expect(pool.startTaskCommandLine).toBe("/bin/sh -c 'echo sshpass -p [redacted] ready'");
    const { node } = await callOk(
      handlers.nodeGET,
      `/api/accounts/${a()}/pools/rp/nodes/${nodeId}`,
      { account: a(), poolId: "rp", nodeId: nodeId! },
      nodeDetailResponse,
    );
    for (const shown of [task, pool, node]) for (const s of SECRETS) expect(JSON.stringify(shown)).not.toContain(s);

    // Removal, since both API versions take it for a VM pool (reimage needs 2025-06-01); it saves the same evidence.
    const res = await actOk(env, "rp", { action: "remove", option: "requeue", nodeIds: [nodeId!], confirm: nodeId! });
    const recordId = res.results[0]!.recordId;
    const rec = await callOk(handlers.auditRecordGET, `/api/accounts/${a()}/audit/${recordId}`, { account: a(), recordId }, auditRecordResponse);
    expect(rec.evidence!.stderr[0]!.text).toContain("--password [redacted]");
    expect(rec.evidence!.stderr[0]!.text).toContain("sig=[redacted]");
    expect((rec.evidence!.node as { startTaskCommandLine?: string }).startTaskCommandLine).toContain("-p [redacted]");
    const stored = auditBytes();
    expect(stored).toContain("[redacted]");
    for (const s of SECRETS) expect(stored).not.toContain(s);
  });
});
