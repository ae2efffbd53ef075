import { signOut } from "@/lib/identity/oidc-flow";
import { isSameOriginPost, oidcOr404, redirectWithCookies } from "@/lib/identity/oidc-routes";
import { plainPage } from "@/lib/identity/plain-page";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST /auth/signout – from the dashboard's own page only: clears the session, ends the provider's session where it can
export async function POST(request: Request): Promise<Response> {
  const config = oidcOr404();
  if (config instanceof Response) return config;
  if (!isSameOriginPost(request, config)) return plainPage(403, "Sign-out refused", "Sign-out is accepted only from Batchscope's own pages.");
  return redirectWithCookies(await signOut(config));
}
