/**
 * Runs in the page (addInitScript): every frame, the heatmap canvas's top on the page, the verdict's kind,
 * the header's unhealthy count and whether the kept verdict says it is refreshing. Read back with `frames`.
 */
export function recordFrames() {
  const w = window as unknown as { __frames: unknown[] };
  w.__frames = [];
  const tick = () => {
    const canvas = document.querySelector("[data-testid=heatmap-canvas]");
    const topOf = (sel: string) => {
      const el = document.querySelector(sel);
      return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : undefined;
    };
    w.__frames.push({
      top: canvas ? Math.round(canvas.getBoundingClientRect().top + window.scrollY) : undefined,
      // Where the heatmap's panel and the verdict's box start: when the canvas moves, which part above it grew.
      panelTop: topOf("[data-heatmap-panel]"),
      areaBottom: (() => {
        const el = document.querySelector("[data-testid=verdict-area]");
        return el ? Math.round(el.getBoundingClientRect().bottom + window.scrollY) : undefined;
      })(),
      kind: document.querySelector("[data-testid=verdict]")?.getAttribute("data-kind") ?? undefined,
      unhealthy: document.querySelector("[data-testid=pool-fact-unhealthy-nodes] dd")?.textContent ?? undefined,
      refreshing: document.querySelector("[data-testid=heatmap-refreshing]") !== null,
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export interface Frame {
  top?: number;
  panelTop?: number;
  areaBottom?: number;
  kind?: string;
  unhealthy?: string;
  refreshing: boolean;
}

/** The frames recorded so far (the page's `recordFrames`). */
export const framesOf = (page: { evaluate<T>(fn: () => T): Promise<T> }) => page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames);
