import { SEARCH_FALLBACK_SELECTOR, SEARCH_SHORTCUT_SELECTOR } from "./shortcut-keys";

/**
 * Where the skip link and the `/` shortcut send focus. The heatmap's grid carries
 * `data-skip-target="heatmap"`; its panel carries `data-heatmap-panel` from its first render (while the grid
 * still loads), and every page has one <main>.
 */

const HEATMAP_GRID = '[data-skip-target="heatmap"]';
const HEATMAP_PANEL = "[data-heatmap-panel]";

/** Whether this page has a heatmap (loaded or still loading): the skip link's label depends on it. */
export function pageHasHeatmap(): boolean {
  return document.querySelector(HEATMAP_PANEL) !== null;
}

function isShown(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && !(el as HTMLInputElement).disabled;
}

/** Focuses `el`, making it focusable from script first when it is not (a <main>, a <section>). */
function focusElement(el: HTMLElement): void {
  if (el.tabIndex < 0 && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.scrollIntoView({ block: "start" });
  el.focus({ preventScroll: true });
}

/** The skip link's target: the heatmap grid, else its panel while it loads, else the page's content. */
export function focusSkipTarget(): void {
  const target =
    document.querySelector<HTMLElement>(HEATMAP_GRID) ?? document.querySelector<HTMLElement>(HEATMAP_PANEL) ?? document.querySelector<HTMLElement>("main");
  if (target) focusElement(target);
}

/** Focuses the page's search or filter input; false when the page has none on screen. */
export function focusSearch(): boolean {
  const opted = [...document.querySelectorAll<HTMLElement>(SEARCH_SHORTCUT_SELECTOR)].find(isShown);
  const input =
    opted ??
    [...document.querySelectorAll<HTMLElement>(SEARCH_FALLBACK_SELECTOR)].find(isShown) ??
    // The header's id search (components/search) is on every page: the target when the page has no search of its own.
    [...document.querySelectorAll<HTMLElement>("[data-global-search]")].find(isShown);
  if (!input) return false;
  input.focus();
  if (input instanceof HTMLInputElement) input.select();
  return true;
}
