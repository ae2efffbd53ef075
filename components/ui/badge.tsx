import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A short state or label in a tinted pill. The text always says the state: colour is never the only signal. */
export const badgeVariants = cva("inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap", {
  variants: {
    tone: {
      good: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
      info: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
      neutral: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
      quiet: "bg-slate-100 text-slate-800 dark:bg-slate-900 dark:text-slate-200",
      gone: "bg-slate-100 text-slate-600 line-through dark:bg-slate-900 dark:text-slate-400",
      bad: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
      warn: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
      orange: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
      violet: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
      fuchsia: "bg-fuchsia-100 text-fuchsia-900 dark:bg-fuchsia-950 dark:text-fuchsia-200",
      teal: "bg-teal-100 text-teal-900 dark:bg-teal-950 dark:text-teal-200",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

export function Badge({ tone, className, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
