import Link from "next/link";
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * Every button's look. `primary` submits, `danger` destroys, `secondary` is the everyday outlined button,
 * `ghost` sits inside text (a table header's sort, a link-like action). Disabled is greyed, never hidden.
 */
export const buttonVariants = cva(
  [
    "inline-flex max-w-full items-center justify-center gap-1 rounded whitespace-nowrap",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-300",
    "disabled:cursor-not-allowed disabled:opacity-50",
  ],
  {
    variants: {
      variant: {
        primary: "bg-blue-700 font-semibold text-white hover:bg-blue-800 disabled:hover:bg-blue-700",
        secondary: "border border-slate-300 hover:bg-slate-100 disabled:hover:bg-transparent dark:border-slate-700 dark:hover:bg-slate-800",
        danger: "bg-red-700 font-semibold text-white hover:bg-red-800 disabled:hover:bg-red-700",
        dangerOutline:
          "border border-red-400 text-red-800 hover:bg-red-50 disabled:hover:bg-transparent dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950",
        strong: "bg-slate-800 text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900 dark:hover:bg-slate-300",
        ghost: "hover:underline",
      },
      size: {
        sm: "px-2 py-0.5 text-sm",
        md: "px-3 py-1",
        inline: "p-0",
      },
    },
    defaultVariants: { variant: "secondary", size: "sm" },
  },
);

export type ButtonVariants = VariantProps<typeof buttonVariants>;

export function Button({ variant, size, className, type = "button", ...props }: ComponentProps<"button"> & ButtonVariants) {
  return <button type={type} className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}

/** A link that looks like a button: navigation styled as an action (open the logs, go to the parent). */
export function LinkButton({ variant, size, className, ...props }: ComponentProps<typeof Link> & ButtonVariants) {
  return <Link className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
