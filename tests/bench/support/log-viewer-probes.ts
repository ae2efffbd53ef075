// What the log viewer benchmark reads besides timings: the bytes the in-process emulator served and its request
// counts, a first-row-on-screen probe in the page, the page's JS heap and the viewer's status line.
import { execSync } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import os from "node:os";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { Stack } from "../../support/stack";

export const VIEWPORT = { width: 1440, height: 900 };

export const uptime = () => {
  try {
    return execSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return `loadavg ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`;
  }
};

// ---------------------------------------------------------------------------------------------- emulator bytes

/** Bytes the in-process emulator served, by "METHOD path" (Content-Length of each finished response). */
export const served = new Map<string, number>();
subscribe("http.server.response.finish", (msg) => {
  const { request, response } = msg as { request: IncomingMessage; response: ServerResponse };
  const path = (request.url ?? "/").split("?")[0]!;
  if (path.startsWith("/__emulator")) return;
  const len = Number(response.getHeader("content-length") ?? 0);
  const key = `${request.method} ${path}`;
  served.set(key, (served.get(key) ?? 0) + (request.method === "HEAD" ? 0 : len));
});

export async function emuStats(stack: Stack): Promise<Record<string, number>> {
  const res = await fetch(`${stack.emu.url}/__emulator/stats`);
  if (!res.ok) throw new Error(`stats: HTTP ${res.status}`);
  return ((await res.json()) as { byRoute: Record<string, number> }).byRoute;
}

/** Emulator requests and bytes for one file between two snapshots. */
export function fileDelta(before: Record<string, number>, after: Record<string, number>, servedBefore: Map<string, number>, file: string) {
  const out = { gets: 0, heads: 0, bytes: 0 };
  for (const [route, n] of Object.entries(after)) {
    if (!route.endsWith(`/files/${file}`)) continue;
    const d = n - (before[route] ?? 0);
    if (route.startsWith("GET ")) out.gets += d;
    else if (route.startsWith("HEAD ")) out.heads += d;
  }
  for (const [route, b] of served) if (route.endsWith(`/files/${file}`)) out.bytes += b - (servedBefore.get(route) ?? 0);
  return out;
}

/**
 * A browser context whose pages run a rAF probe from the first script: it notes when `selector` first
 * intersects the log container with some text. tsx compiles with keepNames, so page callbacks may call
 * `__name`; the page gets an identity one.
 */
export async function newContext(browser: Browser, selector: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  await context.addInitScript((sel) => {
    const w = window as unknown as { __shown?: number };
    const tick = () => {
      const box = document.querySelector("[data-testid=log-lines]");
      if (box) {
        const b = box.getBoundingClientRect();
        for (const el of box.querySelectorAll(sel)) {
          const r = el.getBoundingClientRect();
          if (r.bottom > b.top && r.top < b.bottom && r.height > 0 && (el.textContent ?? "").trim().length > 0) {
            w.__shown = performance.now();
            return;
          }
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, selector);
  return context;
}

export async function heap(page: Page): Promise<{ used: number; total: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? NaN;
    return { used: m("JSHeapUsedSize"), total: m("JSHeapTotalSize"), nodes: m("Nodes") };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export async function status(page: Page) {
  const s = page.getByTestId("log-status");
  return {
    lines: Number(await s.getAttribute("data-lines")),
    start: Number(await s.getAttribute("data-start")),
    end: Number(await s.getAttribute("data-end")),
  };
}
