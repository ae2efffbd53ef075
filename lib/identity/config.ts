// No "server-only" marker: instrumentation.ts checks this at start-up, outside the React server layer.
import { readEnv } from "@/lib/env";
import { parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";
import { IdentityConfigError } from "./config-error";
import { OIDC_VARIABLES, readOidcSettings, type OidcSettings } from "./oidc-config";

export { IdentityConfigError };

/** Where the signed-in user comes from: a trusted reverse proxy in front of the dashboard, or the built-in sign-in (oidc). */
export const IDENTITY_SOURCES = ["app-service", "oauth2-proxy", "headers", "oidc"] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];

/** The built-in sign-in: an OpenID Connect provider, the session cookie, and the operator groups. */
export interface OidcIdentityConfig {
  source: "oidc";
  oidc: OidcSettings;
  operatorGroups: string[];
  /** A TLS-terminating proxy whose X-Forwarded-Proto/Host count (optional: the session cookie is the identity). */
  trustedProxies?: TrustedProxies;
}

export type IdentityConfig = ProxyIdentityConfig | OidcIdentityConfig;

export interface ProxyIdentityConfig {
  source: Exclude<IdentitySource, "oidc">;
  /** The header naming the user (App Service: the principal's name). */
  userHeader: string;
  /** The header carrying groups: a comma-separated list, or App Service's base64 principal with its claims. */
  groupsHeader: string;
  /** Group names or object ids (lower-cased) whose members are operators. */
  operatorGroups: string[];
  /** The peers whose identity headers count; undefined only for app-service, whose front ends are the only way in. */
  trustedProxies?: TrustedProxies;
}

/** The sources whose headers anyone who reaches the server directly could send: they need BATCHSCOPE_TRUSTED_PROXIES. */
const NEEDS_TRUSTED_PROXIES: readonly IdentitySource[] = ["oauth2-proxy", "headers"];

/** The presets' header names; BATCHSCOPE_IDENTITY_USER_HEADER / _GROUPS_HEADER override them. */
const PRESETS: Record<Exclude<IdentitySource, "headers" | "oidc">, { userHeader: string; groupsHeader: string }> = {
  "app-service": { userHeader: "x-ms-client-principal-name", groupsHeader: "x-ms-client-principal" },
  "oauth2-proxy": { userHeader: "x-forwarded-email", groupsHeader: "x-forwarded-groups" },
};

type Env = Readonly<Record<string, string | undefined>>;

/** The identity variables as lib/env.ts read them. */
export function identityEnv(): Env {
  const env = readEnv();
  return Object.fromEntries(IDENTITY_VARIABLES.map((k) => [k, env[k]]));
}

/** Every variable the identity configuration is read from. */
export const IDENTITY_VARIABLES = [
  "BATCHSCOPE_IDENTITY",
  "BATCHSCOPE_IDENTITY_USER_HEADER",
  "BATCHSCOPE_IDENTITY_GROUPS_HEADER",
  "BATCHSCOPE_OPERATOR_GROUPS",
  "BATCHSCOPE_TRUSTED_PROXIES",
  ...OIDC_VARIABLES,
] as const;

let configured: { signature: string; config: IdentityConfig | undefined } | undefined;

/** The configuration, read again only when the environment changes (as it does between tests). */
export function identityConfig(env: Env = identityEnv()): IdentityConfig | undefined {
  const signature = IDENTITY_VARIABLES.map((k) => env[k] ?? "\u0001").join("\0");
  if (configured?.signature !== signature) configured = { signature, config: readIdentityConfig(env) };
  return configured.config;
}

// An HTTP field name (RFC 9110 token).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Reads BATCHSCOPE_IDENTITY and its companions; undefined when no identity source is configured. A
 * mistake is reported with the variable it is in, so the server stops at start instead of letting
 * everyone act (or no one) for a reason nobody can see.
 */
export function readIdentityConfig(env: Env = identityEnv()): IdentityConfig | undefined {
  const source = env.BATCHSCOPE_IDENTITY?.trim() ?? "";
  const userOverride = env.BATCHSCOPE_IDENTITY_USER_HEADER?.trim() || undefined;
  const groupsOverride = env.BATCHSCOPE_IDENTITY_GROUPS_HEADER?.trim() || undefined;
  const groupsRaw = env.BATCHSCOPE_OPERATOR_GROUPS?.trim() || undefined;
  const proxiesRaw = env.BATCHSCOPE_TRUSTED_PROXIES?.trim() || undefined;
  if (!source) {
    const stray = [
      ["BATCHSCOPE_IDENTITY_USER_HEADER", userOverride],
      ["BATCHSCOPE_IDENTITY_GROUPS_HEADER", groupsOverride],
      ["BATCHSCOPE_OPERATOR_GROUPS", groupsRaw],
      ["BATCHSCOPE_TRUSTED_PROXIES", proxiesRaw],
      // Not BATCHSCOPE_PUBLIC_URL: it has a meaning of its own without a sign-in source.
      ...(["BATCHSCOPE_OIDC_ISSUER", "BATCHSCOPE_OIDC_CLIENT_ID", "BATCHSCOPE_OIDC_CLIENT_SECRET", "BATCHSCOPE_SESSION_SECRET"] as const).map((name) => [
        name,
        env[name]?.trim() || undefined,
      ]),
    ].find(([, v]) => v !== undefined);
    if (stray) throw new IdentityConfigError(`${stray[0]} is set but BATCHSCOPE_IDENTITY is not: set BATCHSCOPE_IDENTITY to ${IDENTITY_SOURCES.join(", ")}`);
    return undefined;
  }
  if (!(IDENTITY_SOURCES as readonly string[]).includes(source)) {
    throw new IdentityConfigError(`BATCHSCOPE_IDENTITY must be one of ${IDENTITY_SOURCES.join(", ")} (got "${source}")`);
  }
  for (const [name, value] of [
    ["BATCHSCOPE_IDENTITY_USER_HEADER", userOverride],
    ["BATCHSCOPE_IDENTITY_GROUPS_HEADER", groupsOverride],
  ] as const) {
    if (value !== undefined && !HEADER_NAME.test(value))
      throw new IdentityConfigError(`${name} must be an HTTP header name such as X-Forwarded-User (got "${value}")`);
  }
  const operatorGroups = (groupsRaw ?? "")
    .split(",")
    .map((g) => g.trim().toLowerCase())
    .filter(Boolean);
  const proxies = () => {
    const trustedProxies = readTrustedProxies(source as IdentitySource, proxiesRaw);
    return trustedProxies ? { trustedProxies } : {};
  };
  if (source === "oidc") return { ...readOidcConfig(env, userOverride, groupsOverride, operatorGroups), ...proxies() };
  const preset = source === "headers" ? undefined : PRESETS[source as keyof typeof PRESETS];
  const userHeader = userOverride ?? preset?.userHeader;
  const groupsHeader = groupsOverride ?? preset?.groupsHeader;
  if (!userHeader) throw new IdentityConfigError("BATCHSCOPE_IDENTITY_USER_HEADER must name the header carrying the user when BATCHSCOPE_IDENTITY=headers");
  if (!groupsHeader)
    throw new IdentityConfigError("BATCHSCOPE_IDENTITY_GROUPS_HEADER must name the header carrying the groups when BATCHSCOPE_IDENTITY=headers");
  return {
    source: source as ProxyIdentityConfig["source"],
    userHeader: userHeader.toLowerCase(),
    groupsHeader: groupsHeader.toLowerCase(),
    operatorGroups,
    ...proxies(),
  };
}

function readTrustedProxies(source: IdentitySource, raw: string | undefined): TrustedProxies | undefined {
  if (raw === undefined) {
    if (!NEEDS_TRUSTED_PROXIES.includes(source)) return undefined;
    throw new IdentityConfigError(
      `BATCHSCOPE_TRUSTED_PROXIES must list the sign-in proxy's addresses or CIDR ranges when BATCHSCOPE_IDENTITY=${source}: ` +
        "without it anyone who reaches the server directly could send the identity headers",
    );
  }
  const parsed = parseTrustedProxies(raw);
  if ("error" in parsed) throw new IdentityConfigError(`BATCHSCOPE_TRUSTED_PROXIES ${parsed.error}`);
  return parsed;
}

/** The sign-in is the dashboard's own: the header variables have no meaning, so setting one is a mistake. */
function readOidcConfig(env: Env, userOverride: string | undefined, groupsOverride: string | undefined, operatorGroups: string[]): OidcIdentityConfig {
  if (userOverride) throw new IdentityConfigError("BATCHSCOPE_IDENTITY_USER_HEADER has no meaning with BATCHSCOPE_IDENTITY=oidc: unset it");
  if (groupsOverride) throw new IdentityConfigError("BATCHSCOPE_IDENTITY_GROUPS_HEADER has no meaning with BATCHSCOPE_IDENTITY=oidc: unset it");
  return { source: "oidc", oidc: readOidcSettings(env), operatorGroups };
}
