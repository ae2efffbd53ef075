import Link from "next/link";
import { linkVariants } from "@/components/ui/text-link";

export default function AccountNotFound() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-2xl font-semibold">No such account</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">This link names a Batch account that this dashboard is not configured to read.</p>
      <Link className={linkVariants({ tone: "plain", className: "mt-4 inline-block" })} href="/">
        Go to the configured accounts
      </Link>
    </main>
  );
}
