/**
 * Who an access token says the caller is: a few identifying claims of its payload. The token itself (and
 * its signature) is never kept or printed; only these claims leave this module.
 */
export interface PrincipalClaims {
  /** Application (client) id of the caller: a service principal or managed identity. */
  appid?: string;
  /** Object id of the user or service principal in the tenant. */
  oid?: string;
  /** A user's sign-in name. */
  upn?: string;
  /** Tenant id. */
  tid?: string;
  /** "app" or "user" when the token says. */
  idtyp?: string;
  /** The audience the token was issued for. */
  aud?: string;
  /** When the token expires (ISO 8601). */
  expires?: string;
}

const STRING_CLAIMS = ["appid", "oid", "upn", "tid", "idtyp", "aud"] as const;

/** The claims of a JWT bearer token, or undefined when it is not one (opaque or malformed). */
export function principalClaims(authorization: string | undefined): PrincipalClaims | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/.exec(authorization?.trim() ?? "");
  if (!match) return undefined;
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(match[2]!, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    payload = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const claims: PrincipalClaims = {};
  for (const name of STRING_CLAIMS) if (typeof payload[name] === "string") claims[name] = payload[name];
  // v2 tokens name the client azp and the user preferred_username; v1 tokens appid and upn/unique_name.
  if (!claims.appid && typeof payload.azp === "string") claims.appid = payload.azp;
  if (!claims.upn) {
    const name = [payload.unique_name, payload.preferred_username].find((v) => typeof v === "string");
    if (typeof name === "string") claims.upn = name;
  }
  if (typeof payload.exp === "number" && Number.isFinite(payload.exp)) claims.expires = new Date(payload.exp * 1000).toISOString();
  return claims;
}
