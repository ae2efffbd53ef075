import { cx, type CxOptions } from "class-variance-authority";
import { twMerge } from "tailwind-merge";

/** Joins class names and lets a later Tailwind class win over an earlier one of the same property. */
export function cn(...inputs: CxOptions): string {
  return twMerge(cx(...inputs));
}
