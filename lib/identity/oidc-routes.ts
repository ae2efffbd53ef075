import "server-only";
import { identityConfig, type OidcIdentityConfig } from "./config";
import type { Redirect } from "./oidc-flow";
import { plainPage } from "./plain-page";

/** The built-in sign-in's configuration, or the answer to give when it is not the configured source. */
export function oidcOr404(): OidcIdentityConfig | Response {
  const config = identityConfig();
  if (config?.source === "oidc") return config;
  return plainPage(404, "No built-in sign-in", "Batchscope is not configured to sign people in itself (BATCHSCOPE_IDENTITY=oidc).", {
    href: "/",
    label: "Back to Batchscope",
  });
}

/** A redirect that also sets (or clears) cookies; never cached. 303: the next request is a GET whatever this one was. */
export function redirectWithCookies({ location, cookies }: Redirect, status = 303): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status, headers });
}

/**
 * Sign-out is a POST from the dashboard's own page: another site must not be able to sign a user out
 * (or, through the provider, out of everything). Sec-Fetch-Site and Origin are set by the browser, not
 * by a page; a request with neither is refused too.
 */
export function isSameOriginPost(request: Request, config: OidcIdentityConfig): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site === null && origin === null) return false;
  if (site !== null && site !== "same-origin") return false;
  return origin === null || origin.toLowerCase() === config.oidc.publicUrl.toLowerCase();
}
