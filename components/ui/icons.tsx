import type { ReactNode, SVGProps } from "react";
import { cn } from "./cn";

/**
 * The kit's icons, drawn inline as SVG in the text's colour (`currentColor`) and size (1em): a Unicode glyph
 * (⧉ for copy, ⓘ for a note) is drawn only where the machine has a font holding it, and on a machine without
 * one it showed as an empty box. Decorative: hidden from assistive tech, so the control's own name (its
 * aria-label or text) is what is read, and an element's text stays its words alone.
 */
type IconProps = Omit<SVGProps<SVGSVGElement>, "children">;

function Icon({ className, children, ...rest }: IconProps & { children: ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={cn("inline-block size-[1em] shrink-0 align-[-0.125em]", className)}
      data-icon=""
      {...rest}
    >
      {children}
    </svg>
  );
}

/** Two overlapping sheets: copy to the clipboard. */
export const CopyIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 5.5V3.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
  </Icon>
);

/** A tick: done (copied). */
export const CheckIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 8.5l3 3 7-7" />
  </Icon>
);

/** An i in a circle: this control has a note. */
export const InfoIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="6.25" />
    <path d="M8 7.25v4" />
    <circle cx="8" cy="4.75" r="0.5" fill="currentColor" />
  </Icon>
);

/** A cross: clear or close. */
export const CloseIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
);

/** A filled triangle pointing up (ascending) or down (descending): a column's sort. */
export const SortIcon = ({ dir, ...p }: IconProps & { dir: "asc" | "desc" }) => (
  <Icon {...p} data-sort={dir}>
    <path d={dir === "asc" ? "M8 4l4.5 7h-9z" : "M8 12l4.5-7h-9z"} fill="currentColor" strokeWidth={1} />
  </Icon>
);
