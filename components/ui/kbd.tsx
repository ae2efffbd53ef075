import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A key the operator presses, as in the shortcuts help. */
export function Kbd({ className, ...props }: ComponentProps<"kbd">) {
  return (
    <kbd
      className={cn(
        "rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5",
        "font-mono text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200",
        className,
      )}
      {...props}
    />
  );
}
