import type { FileContent } from "../files/content";
import type { FailureInfo } from "../model/types";
import type { SimContext } from "../sim/context";
import type { Rng } from "../util/prng";
import { addHistoricTask, addJob, addPool, pad } from "./builder";

const HOUR = 3_600_000;
const APP_FAILURE: FailureInfo = Object.freeze({
  category: "UserError",
  code: "FailureExitCode",
  message: "The task exited with an exit code representing a failure",
}) as FailureInfo;
const FAILED_STDERR: FileContent = Object.freeze({ kind: "text", text: "worker: fatal: lost connection to coordinator\n" }) as FileContent;
const EMPTY: FileContent = Object.freeze({ kind: "text", text: "" }) as FileContent;

/**
 * Large enough to find what does not scale: 2,000 nodes and 200,000 tasks over the last day, about 3 %
 * failed, with ten nodes failing far more often than the rest.
 */
export function buildScale(sim: SimContext, rng: Rng): void {
  const now = sim.now();
  const { nodes } = addPool(sim, { id: "scale-pool", dedicated: 2000, slots: 4, ageMs: 48 * HOUR });
  const bad = new Set(Array.from({ length: 10 }, () => rng.int(0, nodes.length - 1)));
  for (let j = 1; j <= 20; j++) {
    const job = addJob(sim, { id: `sweep-${pad(j, 2)}`, poolId: "scale-pool", ageMs: 30 * HOUR });
    for (let i = 1; i <= 10_000; i++) {
      const nodeIndex = rng.int(0, nodes.length - 1);
      const failed = rng.chance(bad.has(nodeIndex) ? 0.6 : 0.025);
      const end = now - rng.int(30_000, 24 * HOUR);
      addHistoricTask(sim, job, {
        id: `t-${pad(i, 5)}`,
        node: nodes[nodeIndex]!,
        startMs: end - rng.int(20_000, 600_000),
        endMs: end,
        commandLine: `/bin/sh -c 'sweep --case ${i}'`,
        exitCode: failed ? 1 : 0,
        ...(failed ? { failureInfo: APP_FAILURE, stderr: FAILED_STDERR } : { stderr: EMPTY }),
        stdout: { kind: "generated", seed: j * 100_000 + i, size: 2048, style: "app" },
      });
    }
  }
}
