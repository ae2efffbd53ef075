import { test as base, expect, type Page } from "@playwright/test";

/**
 * Playwright's `test`, failing any test whose pages logged a Content-Security-Policy violation: the
 * policy (proxy.ts) is only worth having if the whole app works under it, so a blocked script or style is
 * a failure, not a warning. Pages a test opens in a context of its own are watched with `watchCsp`.
 */
const violations = new WeakMap<Page, string[]>();
const seen: string[][] = [];

export function watchCsp(page: Page): void {
  if (violations.has(page)) return;
  const list: string[] = [];
  violations.set(page, list);
  seen.push(list);
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) list.push(`${page.url()}: ${message.text()}`);
  });
}

export const test = base.extend<{ cspViolations: void }>({
  cspViolations: [
    async ({ context }, use) => {
      seen.length = 0;
      for (const page of context.pages()) watchCsp(page);
      context.on("page", watchCsp);
      await use();
      expect(seen.flat(), "Content-Security-Policy violations in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Locator, Page, Response } from "@playwright/test";
