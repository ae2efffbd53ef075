import type { NodeRecord } from "../model/types";
import type { SimContext } from "../sim/context";
import type { Rng } from "../util/prng";
import { addHistoricTask, addJob, addPool, pad, startWorkload } from "./builder";
import { FAILURES, historicFields } from "./failures";
import { addNightlySchedule, REINDEX_FAILURES } from "./scheduled";
import { addGrowthFailedPool } from "./unhealthy-pool";

const HOUR = 3_600_000;
/** The nodes that go bad, by position in the pool: the heatmap must put exactly these three on top. */
export const INCIDENT_BAD_NODES = [17, 42, 73] as const;

/** transform-v42: a genuine job bug, 35 % of its 600 tasks failing with a KeyError on every node. */
function layTransformJob(sim: SimContext, rng: Rng, nodes: NodeRecord[], now: number): void {
  const transform = addJob(sim, { id: "transform-v42", poolId: "prod-ingest", ageMs: 3 * HOUR, displayName: "Transform (release v42)" });
  for (let i = 1; i <= 600; i++) {
    const end = now - rng.int(60_000, 3 * HOUR);
    const sample = rng.chance(0.35) ? FAILURES.keyError(i) : undefined;
    addHistoricTask(sim, transform, {
      id: `batch-${pad(i)}`,
      node: rng.pick(nodes),
      startMs: end - rng.int(30_000, 120_000),
      endMs: end,
      commandLine: `/bin/bash -c 'python3 /app/transform.py --batch ${i}'`,
      ...(sample ? { ...historicFields(sample) } : { exitCode: 0, stdout: { kind: "text", text: `batch ${i}: ok\n` }, stderr: { kind: "text", text: "" } }),
    });
  }
}

/**
 * One pool of 100 nodes in which three nodes fail most of their tasks since about 90 minutes ago (a full
 * disk on two, the OOM killer on one), plus a job with a genuine application bug that fails everywhere.
 * A second pool failed to grow (quota, allocation timeout) and has nodes failing their start task.
 */
export function buildIncident(sim: SimContext, rng: Rng): void {
  const now = sim.now();
  const { nodes } = addPool(sim, { id: "prod-ingest", dedicated: 100, slots: 4, ageMs: 72 * HOUR, vmSize: "standard_d8s_v5" });
  const bad = INCIDENT_BAD_NODES.map((i) => nodes[i]!);
  bad[0]!.fault = "enospc";
  bad[1]!.fault = "enospc";
  bad[2]!.fault = "oom";
  const onset = now - 90 * 60_000;

  const ingest = addJob(sim, {
    id: "ingest-2026-11-27",
    poolId: "prod-ingest",
    ageMs: 8 * HOUR,
    displayName: "Daily ingest",
    priority: 100,
  });
  let n = 0;
  for (const node of nodes) {
    const isBad = bad.includes(node);
    // A failing node frees its slots within seconds and takes the next task sooner, so after the onset it
    // runs far more (short, failing) tasks than a healthy node. Without this burst a bad node saw only ~7
    // tasks since the onset, and for some seeds the three of them were not the top of the heatmap.
    const burst = isBad ? 15 : 0;
    for (let k = 0; k < 30 + burst; k++) {
      const end = k < 30 ? now - rng.int(60_000, 6 * HOUR) : now - rng.int(60_000, now - onset);
      const failing = isBad && end > onset ? rng.chance(0.85) : rng.chance(0.004);
      // The id first, so the ENOSPC path below names this task's own directory, not the previous one's.
      const id = `chunk-${pad(++n, 5)}`;
      const sample = !failing
        ? undefined
        : isBad
          ? node === bad[2]
            ? FAILURES.oomKilled()
            : FAILURES.noSpace(`/mnt/batch/tasks/workitems/ingest-2026-11-27/job-1/${id}/wd/out.part`)
          : FAILURES.appExit1(n);
      addHistoricTask(sim, ingest, {
        id,
        node,
        startMs: end - rng.int(60_000, 6 * 60_000),
        endMs: end,
        commandLine: `/bin/bash -c 'ingest --chunk ${n}'`,
        ...(sample
          ? { ...historicFields(sample) }
          : { exitCode: 0, stdout: { kind: "text", text: `chunk ${n}: 5000 records ingested\n` }, stderr: { kind: "text", text: "" } }),
      });
    }
  }

  layTransformJob(sim, rng, nodes, now);

  startWorkload(sim, ingest, 3_000, 20, (k) => ({
    id: `live-${pad(k, 5)}`,
    commandLine: `/bin/bash -c 'echo ingesting live chunk ${k} && sleep ${60 + (k % 7) * 30} && echo done'`,
  }));

  // Added last and drawing nothing from rng, so prod-ingest's history stays what it was for every seed.
  addGrowthFailedPool(sim, "gpu-burst");

  // A nightly job schedule whose run of tonight fails on the same bad nodes.
  addNightlySchedule(sim, {
    id: "nightly-reindex",
    displayName: "Nightly search reindex",
    poolId: "prod-ingest",
    nodes,
    bad: new Map([
      [bad[0]!, REINDEX_FAILURES.noSpace],
      [bad[1]!, REINDEX_FAILURES.noSpace],
      [bad[2]!, REINDEX_FAILURES.oom],
    ]),
    onsetMs: onset,
    earlierRuns: 4,
    recentStartMs: now - 2 * HOUR,
    tasksPerRun: 300,
  });
}
