import { z } from "zod";

/** One check of GET /api/health: how it went and, when it failed, why in a few words (never a path, URL or key). */
const check = z.object({ ok: z.boolean(), ms: z.number().nonnegative(), reason: z.string().optional() });

/**
 * GET /api/health: the platform's probe (docs/architecture.md "Observability"). `status` is "ok" (200) when
 * the configuration is loaded and the store answers, "unavailable" (503) otherwise. Batch is reported but
 * never fails it: a replica cannot fix Batch by restarting. Per-account detail is given only to a caller
 * who may read the accounts (signed in, or no sign-in configured); anyone else gets the counts.
 */
export const serviceHealth = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.object({ configuration: check, store: check }),
  batch: z.object({
    accounts: z.number().int().nonnegative(),
    reachable: z.number().int().nonnegative(),
    /** How old the newest Batch probe is: they are cached, so probes cannot be used to hammer Batch. */
    checkedSecondsAgo: z.number().nonnegative(),
    detail: z.array(z.object({ account: z.string(), ok: z.boolean(), ms: z.number().nonnegative(), reason: z.string().optional() })).optional(),
  }),
});
export type ServiceHealth = z.infer<typeof serviceHealth>;
