import { signInGate } from "@/lib/identity/gate";

/**
 * Runs before every page and API route (docs/architecture.md "Sign-in and session"): with a sign-in source configured,
 * a request without a user is answered here. Kept thin: each concern is a function in lib/.
 */
export async function proxy(request: Request): Promise<Response | undefined> {
  return signInGate(request);
}

export const config = {
  // Not the build's static files, image optimisation, the icon, or the sign-in routes themselves.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|auth/).*)"],
};
