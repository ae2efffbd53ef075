import { iso } from "../clock";
import type { NodeRecord, PoolRecord } from "../model/types";
import type { SimContext } from "../sim/context";
import { makeUnusable } from "../sim/node-lifecycle";
import { coreQuotaReached } from "../sim/pool-allocation";
import type { Rng } from "../util/prng";
import { addHistoricTask, addJob, addPool, markNode, pad, startWorkload, textFile } from "./builder";
import { FAILURES, historicFields, type FailureSample } from "./failures";
import { addNightlySchedule, REINDEX_FAILURES } from "./scheduled";

const HOUR = 3_600_000;
const SAS = "sv=2022-11-02&sp=rl&se=2030-01-01T00%3A00%3A00Z&sig=ZGVtbw%3D%3D";
const WRITE_SAS = "sv=2022-11-02&sp=rwc&se=2030-01-01T00%3A00%3A00Z&sig=ZGVtbw%3D%3D";
const READONLY_SAS = "sv=2022-11-02&sp=r&se=2030-01-01T00%3A00%3A00Z&sig=ZGVtbw%3D%3D";

type PoolSetup = { pool: PoolRecord; nodes: NodeRecord[] };
type JobRecord = Parameters<typeof addHistoricTask>[1];

/** The nodes of render-linux that are broken in one way or another, and the etl-pool node with a full disk. */
interface BadNodes {
  unusable?: NodeRecord;
  startTaskFailed?: NodeRecord;
  spot?: NodeRecord;
  etlFullDisk?: NodeRecord;
}

function addDemoStorage(sim: SimContext): void {
  const storage = sim.storage;
  storage.addAccount("demostore");
  storage.addContainer("demostore", "inputs");
  storage.addContainer("demostore", "outputs");
  for (let i = 1; i <= 40; i++) storage.putBlob("demostore", "inputs", `scenes/frame-${pad(i)}.blend`, `scene ${i}`);
}

function addDemoPools(sim: SimContext): { render: PoolSetup; etl: PoolSetup } {
  const render = addPool(sim, {
    id: "render-linux",
    dedicated: 12,
    lowPriority: 4,
    slots: 2,
    ageMs: 30 * HOUR,
    startTask: {
      commandLine: "/bin/bash -c 'echo installing renderer && sleep 20 && echo ready'",
      waitForSuccess: true,
      maxTaskRetryCount: 1,
    },
  });
  const etl = addPool(sim, { id: "etl-pool", dedicated: 8, slots: 1, ageMs: 48 * HOUR, vmSize: "standard_e8s_v5", quotaDedicatedNodes: 8 });
  // Someone asked for 10 nodes; the core quota stopped the pool at 8 (pool health shows it).
  etl.pool.wire.targetDedicatedNodes = 10;
  etl.pool.wire.resizeErrors = [coreQuotaReached(8, 10, 8)];
  // Cloud-service pools were retired in 2024: this one stays as the only home of reimage and the RDP file.
  addPool(sim, {
    id: "legacy-cloudservice",
    displayName: "Windows workers (legacy cloud service)",
    dedicated: 3,
    ageMs: 200 * HOUR,
    cloudService: true,
    vmSize: "standard_d2_v2",
  });
  return { render, etl };
}

function failStartTask(sim: SimContext, node: NodeRecord, now: number): void {
  node.wire.startTaskInfo = {
    state: "completed",
    startTime: iso(now - 5 * HOUR),
    endTime: iso(now - 5 * HOUR + 40_000),
    exitCode: 100,
    retryCount: 1,
    lastRetryTime: iso(now - 5 * HOUR + 20_000),
    result: "failure",
    failureInfo: { category: "UserError", code: "FailureExitCode", message: "The task exited with an exit code representing a failure" },
  };
  const stderr = "E: Unable to locate package blender-4.2\nE: Sub-process /usr/bin/dpkg returned an error code (1)\n";
  node.files.set("startup/stdout.txt", textFile("installing renderer\nReading package lists...\n", now - 5 * HOUR));
  node.files.set("startup/stderr.txt", textFile(stderr, now - 5 * HOUR));
  markNode(sim, node, "starttaskfailed", now - 5 * HOUR + 40_000);
}

/** Nodes in bad states: unusable, start task failed, preempted, offline and disabled, and a disk about to fill. */
function breakDemoNodes(sim: SimContext, render: PoolSetup, etl: PoolSetup, now: number): BadNodes {
  const [, , , , , , , , , , unusable, startTaskFailed, , , , spot] = render.nodes;
  if (unusable) makeUnusable(sim, unusable);
  if (startTaskFailed) failStartTask(sim, startTaskFailed, now);
  if (spot) markNode(sim, spot, "preempted", now - 2 * HOUR);
  const offline = render.nodes[9];
  if (offline) {
    offline.wire.schedulingState = "disabled";
    markNode(sim, offline, "offline", now - 3 * HOUR);
  }
  const [etlFullDisk] = etl.nodes.slice(-1);
  if (etlFullDisk) etlFullDisk.fault = "enospc";
  return { unusable, startTaskFailed, spot, etlFullDisk };
}

/** render-frames: mostly successes with application failures spread over the last day, and a 1 GiB log. */
function layRenderJob(sim: SimContext, rng: Rng, render: PoolSetup, bad: BadNodes, now: number): JobRecord {
  const job = addJob(sim, {
    id: "render-frames",
    poolId: "render-linux",
    ageMs: 26 * HOUR,
    displayName: "Render frames for trailer v3",
    maxTaskRetryCount: 1,
  });
  const usable = render.nodes.filter((n) => n !== bad.unusable && n !== bad.startTaskFailed && n !== bad.spot);
  const appFailures = [() => FAILURES.appExit1(rng.int(1, 900)), FAILURES.usage, FAILURES.oomKilled, FAILURES.segfault, FAILURES.shellNotFound];
  for (let i = 1; i <= 360; i++) {
    const end = now - rng.int(2 * 60_000, 24 * HOUR);
    const fail = rng.chance(0.08) ? rng.pick(appFailures)() : undefined;
    const commandLine = `/bin/bash -c 'render --scene scenes/frame-${pad(i)}.blend --out out/'`;
    lay(sim, job, rng.pick(usable), `frame-${pad(i)}`, end, commandLine, fail, rng);
  }
  const big = lay(sim, job, render.nodes[0]!, "frame-encode-all", now - 40 * 60_000, "/bin/bash -c 'encode --all'", undefined, rng);
  const times = { creationMs: now - 3 * HOUR, lastModifiedMs: now - 40 * 60_000 };
  big.files.set("stdout.txt", { content: { kind: "generated", seed: 7, size: 1 << 30, style: "ansi" }, ...times });
  big.files.set("stderr.txt", { content: { kind: "generated", seed: 8, size: 150 << 20, style: "app" }, ...times });
  return job;
}

/** etl-nightly: one of every other category. */
function layEtlJob(sim: SimContext, rng: Rng, etl: PoolSetup, etlFullDisk: NodeRecord | undefined, now: number): void {
  const job = addJob(sim, { id: "etl-nightly", poolId: "etl-pool", ageMs: 20 * HOUR, displayName: "Nightly ETL" });
  const samples: FailureSample[] = [
    FAILURES.blobNotFound("raw/2026-11-26/part-0042.csv"),
    FAILURES.expiredSas("raw/2026-11-26/part-0043.csv"),
    FAILURES.programNotFound(),
    FAILURES.uploadDenied(),
    FAILURES.wallClock("PT2H"),
    FAILURES.terminated(),
    FAILURES.badImage(),
    FAILURES.diskFull(),
    FAILURES.unknown(),
    FAILURES.noSpace("/mnt/batch/tasks/workitems/etl-nightly/job-1/shard-0010/wd/out.part"), // the tenth sample is laid on shard-0010
  ];
  for (let i = 1; i <= 120; i++) {
    const sample = i <= samples.length ? samples[i - 1] : rng.chance(0.04) ? FAILURES.keyError(i) : undefined;
    const node = sample === samples[9] && etlFullDisk ? etlFullDisk : rng.pick(etl.nodes);
    const commandLine = i === 3 ? "etl-extract --shard 3" : `/bin/sh -c 'etl --shard ${i}'`;
    lay(sim, job, node, `shard-${pad(i)}`, now - rng.int(10 * 60_000, 18 * HOUR), commandLine, sample, rng);
  }
}

/** ml-training: a running task whose 4 GiB log grows while you watch. */
function layTrainingJob(sim: SimContext, rng: Rng, node: NodeRecord, now: number): void {
  const job = addJob(sim, { id: "ml-training", poolId: "render-linux", ageMs: 2 * HOUR, displayName: "Model training (long-running)" });
  const trainer = lay(sim, job, node, "train-epochs", now - 60_000, "/bin/bash -c 'python3 train.py --epochs 200'", undefined, rng);
  const content = {
    kind: "generated",
    seed: 11,
    size: 4 * 2 ** 30,
    style: "ansi",
    growth: { startMs: now - HOUR, bytesPerSecond: 2048 },
  } as const;
  trainer.files.set("stdout.txt", { content, creationMs: now - HOUR, lastModifiedMs: now });
}

/** Live tiles on render-frames: every ninth fails, every thirteenth names a missing blob, every seventeenth a read-only SAS. */
function startDemoWorkload(sim: SimContext, job: JobRecord): void {
  const blobs = "https://demostore.blob.core.windows.net";
  startWorkload(sim, job, 20_000, 6, (k) => ({
    id: `live-${pad(k, 5)}`,
    commandLine:
      k % 9 === 0
        ? `/bin/bash -c 'echo rendering tile ${k} && sleep 20 && echo "render: texture cache corrupt" >&2 && exit 3'`
        : `/bin/bash -c 'echo rendering tile ${k} && sleep ${30 + (k % 5) * 15} && echo tile ${k} done'`,
    resourceFiles: [{ httpUrl: `${blobs}/inputs/scenes/frame-${pad(k % 13 === 0 ? 999 : (k % 40) + 1)}.blend?${SAS}`, filePath: "scene.blend" }],
    outputFiles: [
      {
        filePattern: "out/*.png",
        destination: { container: { containerUrl: `${blobs}/outputs?${k % 17 === 0 ? READONLY_SAS : WRITE_SAS}` } },
        uploadOptions: { uploadCondition: "TaskSuccess" },
      },
    ],
  }));
}

/**
 * Small and varied: three pools, four jobs, every failure category of the taxonomy, nodes in bad states,
 * a 1 GiB log and a growing one, and a live workload so the views keep moving.
 */
export function buildDemo(sim: SimContext, rng: Rng): void {
  const now = sim.now();
  addDemoStorage(sim);
  const { render, etl } = addDemoPools(sim);
  const bad = breakDemoNodes(sim, render, etl, now);
  const renderJob = layRenderJob(sim, rng, render, bad, now);
  layEtlJob(sim, rng, etl, bad.etlFullDisk, now);
  layTrainingJob(sim, rng, render.nodes[0]!, now);
  // A nightly job schedule on etl-pool whose recent run fails on the node with the full disk.
  addNightlySchedule(sim, {
    id: "nightly-reindex",
    displayName: "Nightly search reindex",
    poolId: "etl-pool",
    nodes: etl.nodes,
    bad: new Map(bad.etlFullDisk ? [[bad.etlFullDisk, REINDEX_FAILURES.noSpace]] : []),
    onsetMs: now - 3 * HOUR,
    earlierRuns: 2,
    recentStartMs: now - 4 * HOUR,
    tasksPerRun: 40,
  });
  startDemoWorkload(sim, renderJob);
}

function lay(sim: SimContext, job: JobRecord, node: NodeRecord, id: string, endMs: number, commandLine: string, sample: FailureSample | undefined, rng: Rng) {
  const startMs = endMs - (sample?.runMs ?? rng.int(30_000, 15 * 60_000));
  return addHistoricTask(sim, job, {
    id,
    node,
    startMs,
    endMs,
    commandLine,
    ...(sample
      ? { ...historicFields(sample) }
      : { exitCode: 0, stdout: { kind: "text", text: `${id}: started\n${id}: 100% complete\n` }, stderr: { kind: "text", text: "" } }),
    ...(sample?.exitCode !== undefined && sample.exitCode > 0 && rng.chance(0.5) ? { retryCount: 1 } : {}),
    ...(rng.chance(0.03) ? { requeueCount: 1 } : {}),
  });
}
