export { KeyboardShortcuts } from "./keyboard-shortcuts";
export { SkipLink } from "./skip-link";
export { SEARCH_SHORTCUT_SELECTOR } from "./shortcut-keys";
