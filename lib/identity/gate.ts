// proxy.ts runs this in the Node.js runtime, where the "server-only" marker of ./resolve is allowed.
import type { ApiErrorBody } from "@/lib/schemas/api-error";
import { identityConfig, identityEnv, type IdentityConfig } from "./config";
import { plainPage } from "./plain-page";
import { requestUser } from "./resolve";

type Env = Readonly<Record<string, string | undefined>>;

/** The sign-in routes themselves: they must be reachable without a user, or no one could sign in. */
const isSignInPath = (path: string) => path === "/auth" || path.startsWith("/auth/");
const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");
/** The build's scripts, styles and icon: the same for everyone, and the sign-in page needs them. */
const isPublicAsset = (path: string) => path.startsWith("/_next/") || path === "/favicon.ico";
/** The platform's probe and the metrics scrape: health tells an anonymous caller nothing about accounts, and metrics has its own check (docs/architecture.md "Observability"). */
const isProbePath = (path: string) => path === "/api/health" || path === "/metrics" || path === "/api/metrics";

/**
 * No anonymous reads when a sign-in source is configured: a request without a user gets a 401 JSON error
 * on /api, a redirect to sign in on a page (built-in sign-in; the browser keeps the `#L…` fragment across
 * it), or a 401 page saying the sign-in proxy sent no user. Undefined lets the request through: it has a
 * user, or no source is configured (the roles then say what anyone may do).
 */
export async function signInGate(request: Request, env: Env = identityEnv()): Promise<Response | undefined> {
  const config = identityConfig(env);
  if (!config) return undefined;
  const url = new URL(request.url);
  if (isSignInPath(url.pathname) || isPublicAsset(url.pathname) || isProbePath(url.pathname)) return undefined;
  if (await requestUser(request.headers, config)) return undefined;
  if (isApiPath(url.pathname)) return notSignedInJson(config);
  if (config.source === "oidc" && (request.method === "GET" || request.method === "HEAD")) {
    const signIn = new URL("/auth/signin", config.oidc.publicUrl);
    signIn.searchParams.set("returnTo", url.pathname + url.search);
    return new Response(null, { status: 307, headers: { location: signIn.href, "cache-control": "no-store" } });
  }
  return config.source === "oidc"
    ? plainPage(401, "Sign in first", "This page needs a signed-in user.", { href: "/auth/signin", label: "Sign in" })
    : plainPage(
        401,
        "No signed-in user",
        `The sign-in proxy in front of Batchscope sent no user (header ${config.userHeader}), so nothing is shown. Sign in through the proxy, or ask its administrator to pass the user header.`,
      );
}

function notSignedInJson(config: IdentityConfig): Response {
  const message =
    config.source === "oidc"
      ? "Not signed in: sign in at /auth/signin first (or the session has expired)."
      : `Not signed in: the sign-in proxy sent no user (header ${config.userHeader}).`;
  const body: ApiErrorBody = { error: { kind: "auth", status: 401, code: "NotSignedIn", message } };
  return Response.json(body, { status: 401, headers: { "cache-control": "no-store" } });
}
