"use client";

import { useState } from "react";

/** Copies text and says so; falls back to a prompt where the clipboard API is not allowed. */
export function CopyButton({ label, text, testId }: { label: string; text: () => string; testId?: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    const value = text();
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      window.prompt("Copy this:", value);
    }
    setDone(true);
    setTimeout(() => setDone(false), 2_000);
  };
  return (
    <button type="button" data-testid={testId} onClick={copy} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
      <span aria-live="polite">{done ? "Copied" : label}</span>
    </button>
  );
}
