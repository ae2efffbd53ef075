import { SimClock } from "../clock";
import { EventQueue } from "../events";
import { BatchStore } from "../model/store";
import { buildScenario, type ScenarioName } from "../scenarios";
import { StorageModel } from "../storage/store";
import { DEFAULT_TIMINGS, type SimContext, type Timings } from "./context";
import { schedulePass } from "./scheduler";
import { lagTaskCounts } from "./task-counts";

export interface SimOptions {
  account: string;
  scenario: ScenarioName;
  seed: number;
  speed: number;
  timings?: Partial<Timings>;
}

/**
 * A simulated Batch account at the moment it is first seen: the clock, the event queue, the stores, and the
 * scenario laid down with everything that was already due run.
 */
export function createSim(options: SimOptions): SimContext {
  const clock = new SimClock(Date.now(), options.speed);
  const queue = new EventQueue(clock);
  let kickPending = false;
  const sim: SimContext = {
    store: new BatchStore(options.account),
    clock,
    queue,
    storage: new StorageModel(),
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    now: () => queue.now(),
    // Many changes in one request ask for a scheduling pass; they share the one queued after them.
    kick: () => {
      if (kickPending) return;
      kickPending = true;
      queue.after(0, () => {
        kickPending = false;
        schedulePass(sim);
      });
    },
  };
  buildScenario(options.scenario, sim, options.seed);
  lagTaskCounts(sim);
  queue.runDue();
  return sim;
}

/** Moves simulated time forward and runs everything that falls due. */
export function advanceSim(sim: SimContext, ms: number): void {
  sim.clock.advance(ms);
  sim.queue.runDue();
}
