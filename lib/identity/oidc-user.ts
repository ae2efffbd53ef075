// No "server-only" marker: the sign-in gate (proxy.ts) asks who the user is too.
import type { OidcIdentityConfig } from "./config";
import { readCookie, sessionCookieName } from "./cookies";
import { openSession } from "./session";

/** A request's user: a name, the groups that can make them an operator, and whether the provider left groups out. */
export interface RequestUser {
  name: string;
  groups: string[];
  overage?: boolean;
}

/** The user of the session cookie on this request, if it is ours, unaltered and not expired. */
export async function readSessionUser(headers: Headers, config: OidcIdentityConfig, now = new Date()): Promise<RequestUser | undefined> {
  const { secureCookies, sessionSecret } = config.oidc;
  const session = await openSession(readCookie(headers, sessionCookieName(secureCookies)), sessionSecret, now);
  if (!session) return undefined;
  return { name: session.name, groups: session.operatorGroups, ...(session.overage ? { overage: true } : {}) };
}
