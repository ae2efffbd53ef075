import type { Locator } from "@playwright/test";

/** How a cut node id shows on screen (components/ui/truncated-id.tsx). */
export interface IdCut {
  /** Whether the start is clipped. */
  clipped: boolean;
  /** How much of the start shows, in the characters the id is set in. */
  headChars: number;
  /** The end, kept whole. */
  tail: string;
}

/** The cut of a TruncatedId: `id` is its outer span (the one with the id as its title). */
export function cutOf(id: Locator): Promise<IdCut> {
  return id.evaluate((el) => {
    const head = el.querySelector(":scope > span") as HTMLElement;
    const ch = parseFloat(getComputedStyle(head).fontSize) * 0.6;
    return {
      clipped: head.scrollWidth > head.clientWidth,
      headChars: Math.round(head.clientWidth / ch),
      tail: el.textContent!.slice(head.textContent!.length),
    };
  });
}

/** The cut of a node id link (TruncatedLink): the TruncatedId inside it. */
export const linkCutOf = (link: Locator) => cutOf(link.locator(":scope > span"));
