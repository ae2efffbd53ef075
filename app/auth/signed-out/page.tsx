import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";

export const metadata: Metadata = { title: "Signed out" };

// /auth/signed-out – where sign-out ends, after the provider's own sign-out when it has one
export default function SignedOutPage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-2xl font-semibold">Signed out</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">You are signed out of Batchscope.</p>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        If you chose to stay signed in at your organisation&apos;s sign-in page, opening Batchscope again signs you in without asking: sign out there too on a
        shared computer.
      </p>
      <LinkButton href="/auth/signin" prefetch={false} variant="primary" size="md" className="mt-4">
        Sign in again
      </LinkButton>
    </main>
  );
}
