/**
 * The page-wide keyboard shortcuts, as a pure function of the key event so each rule is tested without a
 * browser. Shortcuts never fire while the operator types (inputs, text areas, selects, editable content)
 * or holds a modifier other than Shift (Shift is how `?` is typed).
 */

export type Shortcut = "search" | "help";

/** The attribute a search or filter input carries to be the one `/` focuses: `data-shortcut="search"`. */
export const SEARCH_SHORTCUT_SELECTOR = '[data-shortcut="search"]';
/** Used only when no input opted in with the attribute: the page's first search box. */
export const SEARCH_FALLBACK_SELECTOR = 'input[type="search"]';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

/** Where typing happens: any `/` or `?` there is text, not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== "object") return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
  if (el.isContentEditable === true) return true;
  const tag = typeof el.tagName === "string" ? el.tagName.toUpperCase() : "";
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // Buttons, checkboxes and radios take no text: a shortcut pressed on them still works.
  const type = typeof el.type === "string" ? el.type.toLowerCase() : "text";
  return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"].includes(type);
}

/** The shortcut a key press asks for, or undefined when it is not one (or the operator is typing). */
export function shortcutFor(e: KeyLike): Shortcut | undefined {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return undefined;
  if (isTypingTarget(e.target)) return undefined;
  if (e.key === "/") return "search";
  if (e.key === "?") return "help";
  return undefined;
}

/** What the shortcuts dialog lists, in the order it lists them. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ["Tab"], what: "From the top of a page: the skip link, to the heatmap or the page's content" },
  { keys: ["/"], what: "Focus the page's search or filter box (on a page without one, the id search in the header)" },
  { keys: ["?"], what: "Show these shortcuts" },
  { keys: ["Esc"], what: "Close the open dialog, or the failed tasks of a heatmap cell" },
  { keys: ["↑", "↓", "←", "→"], what: "Heatmap: move between cells" },
  { keys: ["Home", "End"], what: "Heatmap: first or last time bucket (with Ctrl: first or last node)" },
  { keys: ["PgUp", "PgDn"], what: "Heatmap: a screenful of nodes up or down" },
  { keys: ["Enter"], what: "Heatmap: open the failed tasks of the focused cell" },
  { keys: ["Space"], what: "Heatmap: select or unselect the focused node" },
];
