import { NextResponse, type NextRequest } from "next/server";
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

/**
 * Runs before every request (docs/architecture.md "Security headers"): pages get a fresh script nonce in
 * their Content-Security-Policy, which Next.js reads from the request to mark its own scripts; API
 * answers, files and static assets get a policy under which nothing runs.
 */
export function proxy(request: NextRequest): NextResponse {
  const page = !request.nextUrl.pathname.startsWith("/api/") && !request.nextUrl.pathname.startsWith("/_next/");
  const headers = commonSecurityHeaders(servedOverHttps(request));
  let response: NextResponse;
  if (page) {
    const policy = pageContentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === "development", formTargets: [] });
    const forwarded = new Headers(request.headers);
    forwarded.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers: forwarded } });
    response.headers.set("Content-Security-Policy", policy);
  } else {
    response = NextResponse.next();
    response.headers.set("Content-Security-Policy", DATA_CONTENT_SECURITY_POLICY);
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
