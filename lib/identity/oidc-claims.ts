// No "server-only" marker: pure functions over the id token's claims, tested beside this file.
import type { SessionPayload } from "./session";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);

/** A user name goes into the audit log and onto screens: no control characters, bounded. */
function cleanName(v: string): string {
  return v
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
}

/**
 * Entra ID leaves the groups out of a token when the user is in more than it will carry (200 in a JWT)
 * and points to Microsoft Graph instead (`_claim_names.groups`). The dashboard does not call Graph, so
 * such a user is a viewer unless an app role makes them an operator.
 */
export function hasGroupOverage(claims: Record<string, unknown>): boolean {
  const names = claims._claim_names;
  return claims.groups === undefined && typeof names === "object" && names !== null && "groups" in names;
}

/**
 * The session kept from an id token: the user's name, and the groups and app roles (`groups`, `roles`)
 * that are operator groups (compared in any case). Nothing else of the token is kept.
 */
export function sessionFromClaims(claims: Record<string, unknown>, operatorGroups: readonly string[]): SessionPayload {
  const sub = text(claims.sub) ?? "";
  const name = cleanName(text(claims.preferred_username) ?? text(claims.email) ?? text(claims.name) ?? sub) || "unknown";
  const wanted = new Set(operatorGroups.map((g) => g.toLowerCase()));
  const matched = [...new Set([...strings(claims.groups), ...strings(claims.roles)].map((g) => g.toLowerCase()))].filter((g) => wanted.has(g));
  return { name, sub: sub.slice(0, 300), operatorGroups: matched.slice(0, 50), overage: hasGroupOverage(claims) };
}

/** What the identity note says to a viewer whose groups the provider left out, and what an administrator can do. */
export const GROUP_OVERAGE_NOTE =
  "Your sign-in carried no groups: you are in more groups than the provider puts in a token (Entra ID group overage), so you are a viewer. " +
  "An administrator can assign an app role to the operator group and list that role in BATCHSCOPE_OPERATOR_GROUPS, " +
  "or set the app registration to emit only groups assigned to the application.";
