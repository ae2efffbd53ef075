import { z } from "zod";

export const ROLES = ["viewer", "operator"] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

/**
 * Who the server believes is asking, and why. `source` says where that came from: a trusted reverse
 * proxy's headers, the dashboard's own sign-in (oidc: a session cookie), the local operator used on the emulator or with no proxy configured, or nothing
 * (a real account with no identity source: every action is refused).
 */
export const identity = z.object({
  actor: z.string(),
  role,
  source: z.enum(["proxy", "oidc", "local", "none"]),
  /** Plain words for the banner: "Local operator (no sign-in configured)". */
  note: z.string().optional(),
  /** Why actions are refused for this identity, when they are. */
  actionsRefused: z.string().optional(),
});
export type Identity = z.infer<typeof identity>;

/** GET /api/accounts/{account}/me */
export const meResponse = z.object({ account: z.string(), identity });
export type MeResponse = z.infer<typeof meResponse>;
