import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe on a page, as the browser tests run it: every rule on every element, reporting the violations.
 * Two choices that change the cost, not what is checked. Legacy mode runs `axe.run` in the page itself:
 * the default runs axe in each frame, then opens a blank page, injects axe a second time and hands it the
 * results in chunks, which doubled a scan's time on the pool page (measured: 16-20 s against 8 s on a
 * loaded machine) and only matters for cross-origin frames, which the app has none of. And only the
 * violations are reported in full: passes, incomplete and inapplicable results, which no test reads, are
 * cut to one node each, as axe advises for large pages.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).setLegacyMode();
}
