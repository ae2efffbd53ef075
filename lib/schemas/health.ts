import { z } from "zod";
import { asOf, nameValue } from "./common";

/** What usually fixes a group (from Batch's documented node and start-task errors), shown beside Batch's own code and message. */
const explained = { meaning: z.string(), fix: z.string() };
const nodeLink = z.object({ id: z.string(), href: z.string() });

export const poolHealth = z.object({
  /** False when there is nothing to show: the pool page then shows no panel at all. */
  hasSomething: z.boolean(),
  allocation: z.object({
    state: z.string(),
    since: z.string().optional(),
    resizeTimeout: z.string().optional(),
    dedicated: z.object({ current: z.number(), target: z.number() }),
    lowPriority: z.object({ current: z.number(), target: z.number() }),
    shortOfTarget: z.boolean(),
  }),
  resizeErrors: z.array(z.object({ code: z.string(), message: z.string(), values: z.array(nameValue), ...explained })),
  nodeStates: z.array(
    z.object({
      state: z.enum(["starttaskfailed", "unusable", "unknown", "preempted", "deallocated"]),
      count: z.number(),
      nodes: z.array(nodeLink),
      ...explained,
    }),
  ),
  startTaskFailures: z.array(
    z.object({
      exitCode: z.number().optional(),
      code: z.string().optional(),
      message: z.string().optional(),
      count: z.number(),
      nodes: z.array(nodeLink.extend({ stderrHref: z.string() })),
      ...explained,
    }),
  ),
  nodeErrors: z.array(
    z.object({
      code: z.string(),
      messages: z.array(z.string()),
      /** Batch catalogues no node error codes; the emulator marks the ones it made up. */
      emulatorDefined: z.boolean(),
      count: z.number(),
      nodes: z.array(nodeLink),
      ...explained,
    }),
  ),
});
export type PoolHealth = z.infer<typeof poolHealth>;

export const poolHealthResponse = z.object({ asOf, poolId: z.string(), health: poolHealth });
export type PoolHealthResponse = z.infer<typeof poolHealthResponse>;
