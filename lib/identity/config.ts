// No "server-only" marker: instrumentation.ts checks this at start-up, outside the React server layer.
import { UnavailableError } from "@/lib/errors/api-error";
import { readEnv } from "@/lib/env";
import { parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

/** Where the signed-in user comes from: a trusted reverse proxy in front of the dashboard. */
export const IDENTITY_SOURCES = ["app-service", "oauth2-proxy", "headers"] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];

export interface IdentityConfig {
  source: IdentitySource;
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
const PRESETS: Record<Exclude<IdentitySource, "headers">, { userHeader: string; groupsHeader: string }> = {
  "app-service": { userHeader: "x-ms-client-principal-name", groupsHeader: "x-ms-client-principal" },
  "oauth2-proxy": { userHeader: "x-forwarded-email", groupsHeader: "x-forwarded-groups" },
};

/** A mistake in the identity variables: the server stops at start; a change under a running one is a named 500. */
export class IdentityConfigError extends UnavailableError {
  override name = "IdentityConfigError";
  constructor(message: string) {
    super("ConfigurationError", message);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The identity variables as lib/env.ts read them. */
export function identityEnv(): Env {
  const { BATCHSCOPE_IDENTITY, BATCHSCOPE_IDENTITY_USER_HEADER, BATCHSCOPE_IDENTITY_GROUPS_HEADER, BATCHSCOPE_OPERATOR_GROUPS, BATCHSCOPE_TRUSTED_PROXIES } =
    readEnv();
  return { BATCHSCOPE_IDENTITY, BATCHSCOPE_IDENTITY_USER_HEADER, BATCHSCOPE_IDENTITY_GROUPS_HEADER, BATCHSCOPE_OPERATOR_GROUPS, BATCHSCOPE_TRUSTED_PROXIES };
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
  const preset = source === "headers" ? undefined : PRESETS[source as Exclude<IdentitySource, "headers">];
  const userHeader = userOverride ?? preset?.userHeader;
  const groupsHeader = groupsOverride ?? preset?.groupsHeader;
  if (!userHeader) throw new IdentityConfigError("BATCHSCOPE_IDENTITY_USER_HEADER must name the header carrying the user when BATCHSCOPE_IDENTITY=headers");
  if (!groupsHeader)
    throw new IdentityConfigError("BATCHSCOPE_IDENTITY_GROUPS_HEADER must name the header carrying the groups when BATCHSCOPE_IDENTITY=headers");
  const operatorGroups = (groupsRaw ?? "")
    .split(",")
    .map((g) => g.trim().toLowerCase())
    .filter(Boolean);
  const trustedProxies = readTrustedProxies(source as IdentitySource, proxiesRaw);
  return {
    source: source as IdentitySource,
    userHeader: userHeader.toLowerCase(),
    groupsHeader: groupsHeader.toLowerCase(),
    operatorGroups,
    ...(trustedProxies ? { trustedProxies } : {}),
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
