import Link from "next/link";

export default function AccountNotFound() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-2xl font-semibold">No such account</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">This link names a Batch account that this dashboard is not configured to read.</p>
      <Link className="mt-4 inline-block text-blue-700 underline dark:text-blue-300" href="/">
        Go to the configured accounts
      </Link>
    </main>
  );
}
