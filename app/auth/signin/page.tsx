import type { Metadata } from "next";
import { SignInContinue } from "@/components/ui/sign-in-continue";
import { safeReturnTo } from "@/lib/links/return-to";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// /auth/signin?returnTo=/path – where the sign-in gate sends a page opened without a session
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).returnTo;
  const returnTo = safeReturnTo(typeof raw === "string" ? raw : undefined);
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-2xl font-semibold">Sign in to Batchscope</h1>
      <SignInContinue returnTo={returnTo} />
    </main>
  );
}
