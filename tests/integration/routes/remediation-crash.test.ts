import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { actOk, calls, PAGE_HEADERS, readyPool } from "./remediation-support";
import { emulatorPerSuite } from "./support";

// Killing the dashboard in the middle of a bulk action loses no record of the calls that reached Batch:
// a separate process serving the real action route is SIGKILLed while the emulator holds its node calls
// (a slow-response fault), and every call the emulator received must have an intent in the audit file.
// A retry of the same operation then settles those records by re-reading the nodes and sends only the rest.
const env = emulatorPerSuite({ scenario: "empty", account: "crash" });
const NODES = 12;
const LATENCY_MS = 2_000;
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function startActionServer(auditDb: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join(process.cwd(), "tests/support/action-server.ts")], {
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BATCH_ACCOUNT_NAME: env.emu.account,
      BATCH_ACCOUNT_URL: env.emu.url,
      BATCH_ACCOUNT_KEY: env.emu.key,
      BATCHSCOPE_AUDIT_DB: auditDb,
      BATCHSCOPE_LOCAL_OPERATOR: "true",
      ...(process.env.BATCH_API_VERSION ? { BATCH_API_VERSION: process.env.BATCH_API_VERSION } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /listening (\d+)/.exec(output);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, proc });
    });
    proc.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    proc.once("exit", (code) => reject(new Error(`action server exited with ${code}:\n${output}`)));
  });
}

/** The operation's intent records as the audit file holds them, each with its outcome (null while unknown). */
function intentsWithOutcomes(auditDb: string, operationId: string) {
  const db = new Database(auditDb, { readonly: true });
  const rows = db
    .prepare("SELECT i.id AS id, i.node_id AS nodeId, o.outcome AS outcome FROM intents i LEFT JOIN outcomes o ON o.record_id = i.id WHERE i.operation_id = ?")
    .all(operationId) as { id: string; nodeId: string; outcome: string | null }[];
  db.close();
  return rows;
}

/** How many intent records the operation has per node, and how many of them have no outcome yet. */
function recordsPerNode(auditDb: string, operationId: string) {
  const after = new Database(auditDb, { readonly: true });
  const perNode = after.prepare("SELECT node_id, COUNT(*) AS n FROM intents WHERE operation_id = ? GROUP BY node_id").all(operationId) as {
    node_id: string;
    n: number;
  }[];
  const unsettled = after
    .prepare("SELECT COUNT(*) AS n FROM intents i LEFT JOIN outcomes o ON o.record_id = i.id WHERE i.operation_id = ? AND o.record_id IS NULL")
    .get(operationId) as { n: number };
  after.close();
  return { perNode, unsettled };
}

describe("a server killed mid-action", () => {
  it("leaves an intent record for every node call Batch received, and a retry settles them: one record and one outcome per node", async () => {
    const nodes = await readyPool(env, "crash", NODES);
    const auditDb = join(mkdtempSync(join(tmpdir(), "batchscope-crash-")), "audit.sqlite");
    const server = await startActionServer(auditDb);
    child = server.proc;
    await env.resetStats();
    await env.control("PUT", "/faults", { latencyMs: LATENCY_MS, pathPrefix: "/pools/crash/nodes/" });

    const operationId = randomUUID();
    const body = { operationId, action: "disableScheduling", option: "requeue", nodeIds: nodes, confirm: String(NODES), reason: "crash test" };
    const response = fetch(`${server.url}/api/accounts/${env.account}/pools/crash/actions`, {
      method: "POST",
      headers: { ...PAGE_HEADERS, origin: server.url },
      body: JSON.stringify(body),
    }).catch((e: unknown) => e);
    let answered: unknown;
    void response.then((r) => (answered = r));
    // Wait until Batch has received some of the node calls (the emulator counts a request on arrival,
    // before its slow answer), then kill the server without letting it finish anything.
    while ((await calls(env, "POST /pools/crash/nodes/")) === 0) {
      if (answered instanceof Response) throw new Error(`the action answered before any node call: ${answered.status} ${await answered.text()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(server.proc.pid!, "SIGKILL");
    await new Promise((r) => server.proc.once("exit", r));
    expect(await response).toBeInstanceOf(Error);

    const { byRoute } = await env.stats();
    const received = Object.keys(byRoute)
      .map((route) => /^POST \/pools\/crash\/nodes\/([^/]+)\/disablescheduling$/.exec(route)?.[1])
      .filter((id): id is string => !!id)
      .sort();
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(NODES);

    const rows = intentsWithOutcomes(auditDb, operationId);
    const recorded = new Map(rows.map((r) => [r.nodeId, r.outcome]));
    for (const nodeId of received) {
      expect(recorded.has(nodeId), `an intent for ${nodeId}, whose call reached Batch`).toBe(true);
      // Killed before Batch answered: the outcome is unknown, not invented.
      expect(recorded.get(nodeId), nodeId).toBeNull();
    }

    // Retry the same operation through the route, against the same audit file. A record left unknown is
    // settled by re-reading its node: alreadyDone if the call took effect, else sent again under the same
    // record. (This emulator reads a request's body after its slow-answer delay, so a call whose sender
    // died takes no effect; a real service may have acted, which the re-read covers.)
    await env.control("DELETE", "/faults");
    process.env.BATCHSCOPE_AUDIT_DB = auditDb;
    await env.resetStats();
    const retry = await actOk(env, "crash", body as Parameters<typeof actOk>[2]);
    expect(retry.results.map((r) => r.nodeId)).toEqual(nodes);
    expect(retry.results.every((r) => r.outcome === "accepted" || r.outcome === "alreadyDone")).toBe(true);
    const sent = retry.results.filter((r) => r.outcome === "accepted").length;
    expect(await calls(env, "POST /pools/crash/nodes/")).toBe(sent);
    // The unknown records were settled, not duplicated: one record per node for the operation.
    const { perNode, unsettled } = recordsPerNode(auditDb, operationId);
    expect(perNode).toHaveLength(NODES);
    expect(perNode.every((r) => r.n === 1)).toBe(true);
    expect(unsettled.n).toBe(0);
    // A node whose intent was written before the kill keeps that record; the retry appended its outcome.
    for (const row of rows) expect(retry.results.find((r) => r.nodeId === row.nodeId)?.recordId, row.nodeId).toBe(row.id);
    const all = await env.sdk.computeNode.list("crash");
    expect(all.every((n) => n.schedulingState === "disabled")).toBe(true);
  });
});
