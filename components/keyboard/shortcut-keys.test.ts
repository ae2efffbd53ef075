import { describe, expect, it } from "vitest";
import { isTypingTarget, shortcutFor, type KeyLike } from "./shortcut-keys";

const on = (target: object | null, key: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: target as EventTarget | null,
  ...extra,
});
const body = { tagName: "BODY" };
const textInput = { tagName: "INPUT", type: "text" };

describe("shortcutFor", () => {
  it("reads / as search and ? as help outside inputs", () => {
    expect(shortcutFor(on(body, "/"))).toBe("search");
    expect(shortcutFor(on(body, "?"))).toBe("help");
    expect(shortcutFor(on(null, "?"))).toBe("help");
  });

  it("ignores other keys", () => {
    expect(shortcutFor(on(body, "a"))).toBeUndefined();
    expect(shortcutFor(on(body, "Escape"))).toBeUndefined();
  });

  it("never fires while typing in inputs, text areas, selects or editable content", () => {
    for (const target of [
      textInput,
      { tagName: "input", type: "search" },
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "DIV", isContentEditable: true },
    ]) {
      expect(shortcutFor(on(target, "/"))).toBeUndefined();
      expect(shortcutFor(on(target, "?"))).toBeUndefined();
    }
  });

  it("still fires on a focused checkbox or button, which take no text", () => {
    expect(shortcutFor(on({ tagName: "INPUT", type: "checkbox" }, "/"))).toBe("search");
    expect(shortcutFor(on({ tagName: "BUTTON" }, "?"))).toBe("help");
  });

  it("leaves Ctrl, Meta and Alt combinations and handled events to others", () => {
    expect(shortcutFor(on(body, "/", { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(on(body, "/", { metaKey: true }))).toBeUndefined();
    expect(shortcutFor(on(body, "?", { altKey: true }))).toBeUndefined();
    expect(shortcutFor(on(body, "/", { defaultPrevented: true }))).toBeUndefined();
  });
});

describe("isTypingTarget", () => {
  it("treats an input without a type as text", () => {
    expect(isTypingTarget({ tagName: "INPUT" } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: "A" } as unknown as EventTarget)).toBe(false);
  });
});
