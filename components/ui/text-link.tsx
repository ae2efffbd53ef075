import Link from "next/link";
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Links read as links in both themes: blue, underlined on hover (`quiet`) or always (`plain`). */
export const linkVariants = cva("text-blue-700 dark:text-blue-300", {
  variants: {
    tone: {
      quiet: "hover:underline",
      plain: "underline",
    },
  },
  defaultVariants: { tone: "quiet" },
});

export function TextLink({ tone, className, ...props }: ComponentProps<typeof Link> & VariantProps<typeof linkVariants>) {
  return <Link className={cn(linkVariants({ tone }), className)} {...props} />;
}
