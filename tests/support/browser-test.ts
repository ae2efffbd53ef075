import { test as base, expect, type Page } from "@playwright/test";
import { startStack, type Stack } from "./stack";

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

type StackSpec = Parameters<typeof startStack>[0];

/** The stacks of this worker that specs share, by their spec: started by the first spec that asks, stopped when the worker ends. */
type SharedStacks = (spec: StackSpec) => Promise<Stack>;

export const test = base.extend<{ cspViolations: void }, { sharedStacks: SharedStacks }>({
  sharedStacks: [
    async ({}, use) => {
      const stacks = new Map<string, Promise<Stack>>();
      await use((spec) => {
        // Equal specs whatever the order their fields were written in.
        const key = JSON.stringify(Object.entries(spec).sort(([a], [b]) => a.localeCompare(b)));
        if (!stacks.has(key)) stacks.set(key, startStack(spec));
        return stacks.get(key)!;
      });
      for (const stack of stacks.values()) await (await stack.catch(() => undefined))?.stop();
    },
    { scope: "worker" },
  ],
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

/**
 * One stack shared by every spec file of this worker that asks for the same spec (docs/architecture.md,
 * "Tests"): for specs that only read their scenario. A spec that acts on Batch, keeps faults or moves the
 * clock past its own test, restarts the dashboard, writes the store (audit records, snapshots) or needs a
 * cold cache takes a stack of its own (`stackPerFile`). Returns a getter, as `stackPerFile` does.
 */
export function sharedStack(spec: StackSpec): () => Stack {
  let stack: Stack | undefined;
  test.beforeAll(async ({ sharedStacks }) => {
    stack = await sharedStacks(spec);
  });
  return () => {
    if (!stack) throw new Error("the stack is only there once beforeAll has run");
    return stack;
  };
}

export { expect };
export type { Locator, Page, Response } from "@playwright/test";
