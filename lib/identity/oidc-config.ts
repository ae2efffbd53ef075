// No "server-only" marker: instrumentation.ts checks this at start-up, outside the React server layer.
import { isIP } from "node:net";
import { IdentityConfigError } from "./config-error";

/** The built-in sign-in's settings (BATCHSCOPE_IDENTITY=oidc), checked once and named in every mistake. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The dashboard's address as the browser sees it, without a trailing slash: the origin of every redirect. */
  publicUrl: string;
  /** `{publicUrl}/auth/callback`, registered with the provider. */
  redirectUri: string;
  sessionSecret: string;
  /** The session cookie is Secure when the dashboard is served over https. */
  secureCookies: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export const OIDC_VARIABLES = [
  "BATCHSCOPE_OIDC_ISSUER",
  "BATCHSCOPE_OIDC_CLIENT_ID",
  "BATCHSCOPE_OIDC_CLIENT_SECRET",
  "BATCHSCOPE_PUBLIC_URL",
  "BATCHSCOPE_SESSION_SECRET",
] as const;

/** A key for the session cookie is derived from this; fewer characters than this could be guessed. */
export const MIN_SESSION_SECRET = 32;

/** 127.0.0.0/8, ::1 and localhost: the only hosts a plain-http issuer may have (a provider on this machine). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

function required(env: Env, name: (typeof OIDC_VARIABLES)[number]): string {
  const value = env[name]?.trim();
  if (!value) throw new IdentityConfigError(`${name} must be set when BATCHSCOPE_IDENTITY=oidc`);
  return value;
}

function parseUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new IdentityConfigError(`${name} must be an absolute https:// URL (got "${value.slice(0, 200)}")`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new IdentityConfigError(`${name} must be an https:// URL (got "${url.protocol}")`);
  if (url.username || url.password || url.search || url.hash) throw new IdentityConfigError(`${name} must not carry credentials, a query or a fragment`);
  return url;
}

/**
 * The variables of BATCHSCOPE_IDENTITY=oidc. An http issuer is allowed on loopback only: anywhere else the
 * discovery document, keys and tokens could be read or replaced on the way.
 */
export function readOidcSettings(env: Env): OidcSettings {
  const issuer = parseUrl("BATCHSCOPE_OIDC_ISSUER", required(env, "BATCHSCOPE_OIDC_ISSUER"));
  if (issuer.protocol === "http:" && !isLoopbackHost(issuer.hostname)) {
    throw new IdentityConfigError(
      `BATCHSCOPE_OIDC_ISSUER must be an https:// URL; http:// is allowed only on a loopback address (127.0.0.1, ::1, localhost), got ${issuer.host}`,
    );
  }
  const clientId = required(env, "BATCHSCOPE_OIDC_CLIENT_ID");
  const clientSecret = required(env, "BATCHSCOPE_OIDC_CLIENT_SECRET");
  const publicUrl = parseUrl("BATCHSCOPE_PUBLIC_URL", required(env, "BATCHSCOPE_PUBLIC_URL"));
  if (publicUrl.pathname !== "/")
    throw new IdentityConfigError(`BATCHSCOPE_PUBLIC_URL must be the dashboard's origin, without a path (got "${publicUrl.pathname}")`);
  const sessionSecret = required(env, "BATCHSCOPE_SESSION_SECRET");
  if (sessionSecret.length < MIN_SESSION_SECRET) {
    throw new IdentityConfigError(`BATCHSCOPE_SESSION_SECRET must be at least ${MIN_SESSION_SECRET} characters (got ${sessionSecret.length})`);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    publicUrl: publicUrl.origin,
    redirectUri: `${publicUrl.origin}/auth/callback`,
    sessionSecret,
    secureCookies: publicUrl.protocol === "https:",
  };
}
