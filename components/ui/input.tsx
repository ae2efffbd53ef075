import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Text fields and selects share one frame, readable on both themes. */
export const fieldVariants = cva(
  [
    "rounded border border-slate-300 bg-white disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900",
    "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-300",
  ],
  {
    variants: {
      size: {
        sm: "px-2 py-0.5",
        md: "px-2 py-1",
        compact: "px-1 py-0.5",
      },
    },
    defaultVariants: { size: "sm" },
  },
);

type FieldVariants = VariantProps<typeof fieldVariants>;

export function Input({ size, className, ...props }: Omit<ComponentProps<"input">, "size"> & FieldVariants) {
  return <input className={cn(fieldVariants({ size }), className)} {...props} />;
}

export function Select({ size = "compact", className, ...props }: Omit<ComponentProps<"select">, "size"> & FieldVariants) {
  return <select className={cn(fieldVariants({ size }), className)} {...props} />;
}

export function Textarea({ size = "md", className, ...props }: ComponentProps<"textarea"> & FieldVariants) {
  return <textarea className={cn(fieldVariants({ size }), className)} {...props} />;
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return <input type="checkbox" className={cn("size-3.5 accent-blue-700 dark:accent-blue-300", className)} {...props} />;
}
