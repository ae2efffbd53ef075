import Link from "next/link";
import { cn } from "./cn";
import { CopyIdButton } from "./copy-buttons";
import { linkVariants } from "./text-link";

interface Cut {
  /** Characters kept visible at the start (the rest of the start is clipped with an ellipsis). */
  head?: number;
  /** Characters always shown at the end: where ids of the same kind differ. */
  tail?: number;
}

/** How every table and fact list cuts a node id (`tvmps_<64 hex>_d`): the same start and end everywhere. */
export const NODE_ID_CUT = { head: 8, tail: 8 } as const satisfies Cut;

/**
 * An id cut in the MIDDLE, keeping the end that tells ids apart (`tvmps_<64 hex>_d` differ in the hex and
 * end in `_d`/`_p`; request ids differ everywhere). The whole id stays in the text (copy, find in page,
 * screen readers) and in the hover title; only part of the start is clipped on screen. Never wraps. The
 * extra pixel lets `head` characters and the ellipsis fit despite sub-pixel rounding.
 */
export function TruncatedId({ id, head = 12, tail = 10, className }: { id: string; className?: string } & Cut) {
  if (id.length <= head + tail + 1) {
    return (
      <span title={id} className={cn("whitespace-nowrap", className)}>
        {id}
      </span>
    );
  }
  return (
    <span title={id} className={cn("whitespace-nowrap", className)}>
      <span className="inline-block truncate align-bottom" style={{ maxWidth: `calc(${head + 1}ch + 1px)` }}>
        {id.slice(0, -tail)}
      </span>
      {id.slice(-tail)}
    </span>
  );
}

/**
 * An id in a table: cut in the middle, linked when it has a page, with a copy button beside it (outside
 * the link: one control inside another is unreachable by keyboard). The row should carry `group`.
 */
export function IdCell({ id, what, href, className, ...cut }: { id: string; what: string; href?: string; className?: string } & Cut) {
  return (
    <span className={cn("inline-flex items-baseline font-mono whitespace-nowrap", className)}>
      {href ? (
        <Link prefetch={false} href={href} title={id} className={linkVariants()}>
          <TruncatedId id={id} {...cut} />
        </Link>
      ) : (
        <TruncatedId id={id} {...cut} />
      )}
      <CopyIdButton id={id} what={what} />
    </span>
  );
}
