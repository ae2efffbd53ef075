"use client";

import { useEffect } from "react";
import { safeFragment } from "@/lib/links/return-to";
import { buttonVariants } from "./button";

const loginHref = (returnTo: string) => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
const withFragment = (returnTo: string) => loginHref(returnTo + safeFragment(window.location.hash));

/**
 * Continues to the provider with the return address made whole: the browser never sends a link's
 * `#L120-L140` to the server, but keeps it across the redirect to this page, so it is read here and
 * carried along. The button is for a browser that does not run the script, or a provider that is slow.
 */
export function SignInContinue({ returnTo }: { returnTo: string }) {
  useEffect(() => window.location.replace(withFragment(returnTo)), [returnTo]);
  return (
    <div className="mt-4 space-y-3">
      <p className="text-slate-600 dark:text-slate-300">Taking you to your organisation&apos;s sign-in…</p>
      {/* A full navigation, not a client-side one: the login route answers with a redirect to another site. */}
      <a
        href={loginHref(returnTo)}
        onClick={(e) => {
          e.preventDefault();
          window.location.assign(withFragment(returnTo));
        }}
        className={buttonVariants({ variant: "primary", size: "md" })}
      >
        Sign in
      </a>
    </div>
  );
}
