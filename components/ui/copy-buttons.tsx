"use client";

import { useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { CheckIcon, CopyIcon } from "./icons";

/** Copies to the clipboard, falling back to a prompt where the clipboard API is not allowed; says so for 2 s. */
function useCopy(text: () => string): [done: boolean, copy: () => Promise<void>] {
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
  return [done, copy];
}

/** Copies text and says so. */
export function CopyButton({ label, text, testId }: { label: string; text: () => string; testId?: string }) {
  const [done, copy] = useCopy(text);
  return (
    <Button data-testid={testId} onClick={copy}>
      <span aria-live="polite">{done ? "Copied" : label}</span>
    </Button>
  );
}

/**
 * A small copy affordance beside an id that is shown cut: shown on hover or focus of its row (`group`),
 * so a long table stays quiet. Its name is the id itself ("Copy <id> (node)"), never the phrase "node id",
 * so it is not mistaken for a form's "Node id" field by label.
 */
export function CopyIdButton({ id, what, className }: { id: string; what: string; className?: string }) {
  const [done, copy] = useCopy(() => id);
  return (
    <Button
      variant="ghost"
      size="inline"
      aria-label={`Copy ${id} (${what})`}
      title={done ? "Copied" : `Copy the whole ${what} id`}
      onClick={copy}
      className={cn(
        "ml-1 shrink-0 px-0.5 text-xs text-slate-500 no-underline hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
        "opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100",
        done && "opacity-100",
        className,
      )}
    >
      {/* An SVG, not a glyph (components/ui/icons.tsx): no text of its own, so the row's text (and a test reading it) is the id alone. */}
      {done ? <CheckIcon data-testid="copied-icon" /> : <CopyIcon />}
    </Button>
  );
}
