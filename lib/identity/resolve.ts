import "server-only";
import type { Identity } from "@/lib/schemas/identity";
import { identityConfig, identityEnv, type IdentityConfig, type ProxyIdentityConfig } from "./config";
import { GROUP_OVERAGE_NOTE } from "./oidc-claims";
import { readSessionUser, type RequestUser } from "./oidc-user";
import { peerAddress } from "./peer";

export { identityConfig };

export const LOCAL_OPERATOR = "local-operator";

/**
 * Who this request's user is, if anyone: the session cookie of the built-in sign-in, or the sign-in
 * proxy's headers, counted only when the connection came from one of BATCHSCOPE_TRUSTED_PROXIES (peer.ts
 * says which address it came from). The one answer both resolveIdentity and the sign-in gate (./gate.ts)
 * go by.
 */
export async function requestUser(headers: Headers, config: IdentityConfig): Promise<RequestUser | undefined> {
  if (config.source === "oidc") return readSessionUser(headers, config);
  if (!fromTrustedProxy(headers, config)) return undefined;
  const who = readUser(headers, config);
  return who.user ? { name: who.user, groups: who.groups } : undefined;
}

function fromTrustedProxy(headers: Headers, config: ProxyIdentityConfig): boolean {
  return !config.trustedProxies || config.trustedProxies.trusts(peerAddress(headers));
}

/**
 * Who is asking, from the session cookie or the trusted proxy's headers (the proxy must also strip these
 * headers from what clients send, as App Service and oauth2-proxy do). `localOperator` is whether the
 * account gets the local operator when no source is configured (the embedded emulator, or an explicit
 * setting).
 */
export async function resolveIdentity(
  headers: Headers,
  localOperator: boolean,
  env: Readonly<Record<string, string | undefined>> = identityEnv(),
): Promise<Identity> {
  const config = identityConfig(env);
  if (!config) {
    return localOperator
      ? {
          actor: LOCAL_OPERATOR,
          role: "operator",
          source: "local",
          note: "Local operator: no sign-in is configured (BATCHSCOPE_IDENTITY), and this account is the local emulator.",
        }
      : {
          actor: "anonymous",
          role: "viewer",
          source: "none",
          note: "No sign-in is configured (BATCHSCOPE_IDENTITY): read-only.",
          actionsRefused: "No identity source is configured (BATCHSCOPE_IDENTITY), so every action is refused against a real Batch account.",
        };
  }
  const who = await requestUser(headers, config);
  if (!who) return anonymous(headers, config);
  const source = config.source === "oidc" ? "oidc" : "proxy";
  const groups = who.groups.map((g) => g.toLowerCase());
  const operator = config.operatorGroups.some((g) => groups.includes(g));
  if (operator) return { actor: who.name, role: "operator", source };
  const viewer = { actor: who.name, role: "viewer", source } as const;
  if (who.overage) return { ...viewer, note: GROUP_OVERAGE_NOTE, actionsRefused: `${who.name} is a viewer: ${GROUP_OVERAGE_NOTE}` };
  return { ...viewer, actionsRefused: `${who.name} is a viewer: acting on nodes needs membership of an operator group (BATCHSCOPE_OPERATOR_GROUPS).` };
}

/** No user on this request, and why: not signed in, the proxy sent none, or it did not come through the proxy. */
function anonymous(headers: Headers, config: IdentityConfig): Identity {
  const none = { actor: "anonymous", role: "viewer", source: "none" } as const;
  if (config.source === "oidc") return { ...none, note: "Not signed in.", actionsRefused: "Not signed in, so actions are refused: sign in first." };
  if (!fromTrustedProxy(headers, config)) {
    const peer = peerAddress(headers);
    return {
      ...none,
      note: "Not signed in: this request did not come through the sign-in proxy.",
      actionsRefused: `The request came from ${peer ?? "an unknown address"}, which is not in BATCHSCOPE_TRUSTED_PROXIES, so its identity headers are ignored.`,
    };
  }
  return { ...none, note: "Not signed in.", actionsRefused: `The sign-in proxy sent no user (header ${config.userHeader}), so actions are refused.` };
}

function readUser(headers: Headers, config: ProxyIdentityConfig): { user?: string; groups: string[] } {
  const name = clean(headers.get(config.userHeader));
  const raw = headers.get(config.groupsHeader);
  if (config.source !== "app-service")
    return {
      user: name,
      groups: (raw ?? "")
        .split(",")
        .map((g) => g.trim())
        .filter(Boolean),
    };
  const principal = decodePrincipal(raw);
  return { user: name ?? principal?.name, groups: principal?.groups ?? [] };
}

interface Claim {
  typ?: unknown;
  val?: unknown;
}

const GROUP_CLAIMS = new Set(["groups", "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"]);
const ROLE_CLAIMS = new Set(["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"]);
const NAME_CLAIMS = ["preferred_username", "name", "email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"];

/**
 * App Service's X-MS-CLIENT-PRINCIPAL: base64 JSON {auth_typ, name_typ, role_typ, claims:[{typ,val}]}.
 * Groups and app roles both count as groups, so either can be mapped to the operator role.
 */
export function decodePrincipal(raw: string | null): { name?: string; groups: string[] } | undefined {
  if (!raw) return undefined;
  let parsed: { claims?: unknown; name_typ?: unknown; role_typ?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as typeof parsed;
  } catch {
    return undefined;
  }
  // Valid JSON that is not an object (null, a number) is as unusable as invalid JSON.
  if (typeof parsed !== "object" || parsed === null) return undefined;
  // Only plain objects are claims: a null or a string in the list must not turn a sign-in into a 500.
  const claims = (Array.isArray(parsed.claims) ? parsed.claims : []).filter((c): c is Claim => typeof c === "object" && c !== null);
  const roleTyp = typeof parsed.role_typ === "string" ? parsed.role_typ : undefined;
  const nameTyp = typeof parsed.name_typ === "string" ? parsed.name_typ : undefined;
  const value = (c: Claim) => (typeof c.val === "string" ? c.val : undefined);
  const groups = claims
    .filter((c) => typeof c.typ === "string" && (GROUP_CLAIMS.has(c.typ) || ROLE_CLAIMS.has(c.typ) || c.typ === roleTyp))
    .map(value)
    .filter((v): v is string => !!v);
  const nameOf = (typ: string | undefined) => (typ ? claims.find((c) => c.typ === typ) : undefined);
  const nameClaim = nameOf(nameTyp) ?? NAME_CLAIMS.map(nameOf).find(Boolean);
  return { name: clean(nameClaim ? value(nameClaim) : undefined), groups };
}

/** A user name goes into the audit log and onto screens: no control characters, bounded. */
function clean(v: string | null | undefined): string | undefined {
  const s = v
    ?.replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return s || undefined;
}
