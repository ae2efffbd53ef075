import Anser from "anser";

/**
 * Log text is untrusted. Only SGR colour sequences (ESC [ … m) are honoured, as styled spans; every other
 * escape (window titles via OSC, cursor moves, screen clears, device queries) is removed, and remaining
 * control characters are shown as visible symbols, so nothing in a log can act on the page or the terminal
 * it is later copied to.
 */
// OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC strings, CSI other than SGR, and any other two-byte escape.
const NON_SGR = /\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|\x1b\[[0-?]*[ -/]*[@-ln-~]|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
const SGR = /\x1b\[[0-9;:]*m/g;
// C0 controls except TAB and ESC, DEL, and C1 controls.
const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\x80-\x9f]/g;
const LONE_ESC = /\x1b/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return "\ufffd";
}

/** Keeps SGR sequences, removes every other escape, makes other controls visible. */
export function sanitizeEscapes(text: string): string {
  return text.replace(NON_SGR, "").replace(CONTROL, visible);
}

/** The text as it reads on screen: what search, copy and line matching use. */
export function stripAnsi(text: string): string {
  if (!/[\x00-\x1f\x7f-\x9f]/.test(text)) return text;
  return sanitizeEscapes(text).replace(SGR, "").replace(LONE_ESC, "\u241b");
}

// anser's xterm colours (e.g. 187,0,0) are too dark to read on the viewer's dark background; the eight
// standard colours and bright black are lifted to tones that pass WCAG AA contrast there.
const READABLE: Record<string, string> = {
  "0, 0, 0": "148, 163, 184",
  "187, 0, 0": "248, 113, 113",
  "0, 187, 0": "74, 222, 128",
  "187, 187, 0": "250, 204, 21",
  "0, 0, 187": "96, 165, 250",
  "187, 0, 187": "232, 121, 249",
  "0, 187, 187": "34, 211, 238",
  "187, 187, 187": "203, 213, 225",
  "85, 85, 85": "148, 163, 184",
  "85, 85, 255": "129, 140, 248",
};
const readable = (rgb: string) => `rgb(${READABLE[rgb] ?? rgb})`;

export interface AnsiSegment {
  text: string;
  /** CSS colours ("rgb(…)") or undefined for the default. */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Styled runs of a line; their texts concatenate to stripAnsi(line). */
export function ansiSegments(text: string): AnsiSegment[] {
  if (!/[\x00-\x1f\x7f-\x9f]/.test(text)) return text ? [{ text }] : [];
  const clean = sanitizeEscapes(text);
  const out: AnsiSegment[] = [];
  for (const e of Anser.ansiToJson(clean, { json: true, remove_empty: true, use_classes: false })) {
    const t = e.content.replace(LONE_ESC, "\u241b");
    if (!t) continue;
    const seg: AnsiSegment = { text: t };
    let fg = e.fg ? readable(e.fg) : undefined;
    let bg = e.bg ? `rgb(${e.bg})` : undefined;
    if ((e as { isInverted?: boolean }).isInverted) [fg, bg] = [bg ?? "var(--log-bg, #0f172a)", fg ?? "var(--log-fg, #e2e8f0)"];
    if (fg) seg.fg = fg;
    if (bg) seg.bg = bg;
    const d = e.decorations ?? [];
    if (d.includes("bold")) seg.bold = true;
    if (d.includes("dim")) seg.dim = true;
    if (d.includes("italic")) seg.italic = true;
    if (d.includes("underline")) seg.underline = true;
    out.push(seg);
  }
  return out;
}

/**
 * Where each index of a raw line (and its end) falls in stripAnsi(line): the removed escapes take no room,
 * so a match found in the raw line (as the server finds it) marks the same characters on screen. Controls
 * made visible stay one character each, so only the removed sequences shift what follows.
 */
export function plainIndex(raw: string): number[] {
  const kept = new Array<boolean>(raw.length).fill(false);
  // The raw index of each character left once the non-colour escapes are gone, as sanitizeEscapes does.
  const left: number[] = [];
  let last = 0;
  const keep = (to: number) => {
    for (let i = last; i < to; i++) left.push(i);
  };
  for (const m of raw.matchAll(NON_SGR)) {
    keep(m.index);
    last = m.index + m[0].length;
  }
  keep(raw.length);
  for (const i of left) kept[i] = true;
  const rest = left.map((i) => raw[i]).join("");
  for (const m of rest.matchAll(SGR)) for (let k = m.index; k < m.index + m[0].length; k++) kept[left[k]!] = false;
  const out = [0];
  for (let i = 0; i < raw.length; i++) out.push(out[i]! + (kept[i] ? 1 : 0));
  return out;
}
