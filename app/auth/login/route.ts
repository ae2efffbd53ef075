import { beginSignIn } from "@/lib/identity/oidc-flow";
import { oidcOr404, redirectWithCookies } from "@/lib/identity/oidc-routes";
import { plainPage } from "@/lib/identity/plain-page";
import { logError } from "@/lib/observability/logger";
import { safeReturnTo } from "@/lib/links/return-to";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /auth/login?returnTo=/path – leaves for the provider; returnTo is a path on this dashboard or "/"
export async function GET(request: Request): Promise<Response> {
  const config = oidcOr404();
  if (config instanceof Response) return config;
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  try {
    return redirectWithCookies(await beginSignIn(config, returnTo), 302);
  } catch (e) {
    logError(`sign-in provider ${config.oidc.issuer.href} cannot be used: ${e instanceof Error ? e.message : String(e)}`, { kind: "signIn" });
    return plainPage(
      502,
      "Sign-in provider unavailable",
      `The sign-in provider at ${config.oidc.issuer.href} cannot be reached or answered unusably. Try again shortly.`,
      {
        href: `/auth/signin?returnTo=${encodeURIComponent(returnTo)}`,
        label: "Try again",
      },
    );
  }
}
