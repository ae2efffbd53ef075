import type { SimContext } from "../sim/context";
import { createRng } from "../util/prng";
import { buildDemo } from "./demo";
import { buildIncident } from "./incident";
import { buildScale } from "./scale";

export const SCENARIOS = ["empty", "demo", "incident", "scale"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** Deterministic from the seed: the same seed lays down the same pools, nodes, jobs and failures. */
export function buildScenario(name: ScenarioName, sim: SimContext, seed: number): void {
  const rng = createRng(seed);
  if (name === "demo") buildDemo(sim, rng);
  else if (name === "incident") buildIncident(sim, rng);
  else if (name === "scale") buildScale(sim, rng);
}
