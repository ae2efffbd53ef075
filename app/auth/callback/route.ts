import { SignInError, finishSignIn } from "@/lib/identity/oidc-flow";
import { oidcOr404, redirectWithCookies } from "@/lib/identity/oidc-routes";
import { plainPage } from "@/lib/identity/plain-page";
import { logError } from "@/lib/observability/logger";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /auth/callback?code=…&state=… – the provider's answer: checked, a session set, back to where the user started
export async function GET(request: Request): Promise<Response> {
  const config = oidcOr404();
  if (config instanceof Response) return config;
  try {
    return redirectWithCookies(await finishSignIn(config, request));
  } catch (e) {
    const message = e instanceof SignInError ? e.message : "The sign-in provider cannot be reached. Try again shortly.";
    if (!(e instanceof SignInError)) logError(`sign-in callback failed: ${e instanceof Error ? e.message : String(e)}`, { kind: "signIn" });
    return plainPage(e instanceof SignInError ? 401 : 502, "Sign-in failed", message, { href: "/auth/signin", label: "Sign in again" });
  }
}
