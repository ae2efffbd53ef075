import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { KeyboardShortcuts, SkipLink } from "@/components/keyboard";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Batchscope", template: "%s · Batchscope" },
  description: "Incident dashboard for Azure Batch: failing nodes, failure causes, logs and remediation.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry this request's CSP nonce (proxy.ts), which a
  // page prerendered at build time could not.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <SkipLink />
        <header className="border-b border-slate-200 px-6 py-3 dark:border-slate-800">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Batchscope
          </Link>
        </header>
        <Providers>{children}</Providers>
        <KeyboardShortcuts />
      </body>
    </html>
  );
}
