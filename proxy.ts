import { NextResponse, type NextRequest } from "next/server";
import { signInGate } from "@/lib/identity/gate";
import { peerAddress } from "@/lib/identity/peer";
import { identityConfig } from "@/lib/identity/resolve";
import { readPublicUrl } from "@/lib/public-url";
import { commonSecurityHeaders, DATA_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy } from "@/lib/server/http/security-headers";

/** Whether the browser reached us over https: the public URL says so, or a trusted TLS-terminating proxy does. */
function servedOverHttps(request: NextRequest): boolean {
  const publicUrl = readPublicUrl();
  if (publicUrl) return publicUrl.protocol === "https:";
  const forwarded = identityConfig()?.trustedProxies?.trusts(peerAddress(request.headers)) ?? false;
  return forwarded && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** Sign-out posts a form that the server redirects to the provider's end-session page: form-action must allow it. */
function formTargets(): string[] {
  const config = identityConfig();
  return config?.source === "oidc" ? [config.oidc.issuer.origin] : [];
}

/** A page's answer: a fresh script nonce, set on the request too, where Next.js reads it to mark its own scripts. */
function pageResponse(request: NextRequest): NextResponse {
  const policy = pageContentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === "development", formTargets: formTargets() });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/**
 * Runs before every request. First the sign-in gate (docs/architecture.md "Sign-in and session"): with a
 * sign-in source configured, a request without a user is answered here. Then the security headers
 * (docs/architecture.md "Security headers"), on every answer including the gate's: pages get a nonce
 * Content-Security-Policy; API answers, files and the gate's own answers get a policy under which
 * nothing runs.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const refused = await signInGate(request);
  const path = request.nextUrl.pathname;
  // The build's own scripts get no policy: a worker script's policy would bind the worker, which loads
  // its chunks with importScripts.
  const asset = path.startsWith("/_next/");
  const page = !refused && !asset && !path.startsWith("/api/") && path !== "/metrics";
  const response: Response = refused ?? (page ? pageResponse(request) : NextResponse.next());
  if (!page && !asset) response.headers.set("Content-Security-Policy", DATA_CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(commonSecurityHeaders(servedOverHttps(request)))) response.headers.set(name, value);
  return response;
}
