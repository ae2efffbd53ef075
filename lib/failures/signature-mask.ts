/**
 * The text half of a failure signature (docs/architecture.md, "Failure signatures"): the last line of a
 * stderr tail that says what went wrong, with what differs from task to task (numbers, ids, hex, GUIDs,
 * paths, quoted values, times) masked, so two tasks that failed the same way share one line. Words are
 * never masked: the line must still read as the error it is.
 */

/** The placeholders masking writes; text already masked is left as it is (masking is idempotent). */
export const PLACEHOLDERS = ["<n>", "<hex>", "<guid>", "<path>", "<time>", "<url>", "<ip>", "<…>"] as const;

/** A masked line is cut to this many characters, at a space, so a runaway line cannot make a signature of its own. */
export const MAX_LINE_CHARS = 240;

// Control sequences (colours) some tools write even into files.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Lines that frame an error rather than state it: a traceback's header and its frames, a stack's `at` lines. */
const FRAME_LINES = [
  /^Traceback \(most recent call last\):?$/,
  /^File "[^"]*", line \d+/,
  /^at\s/,
  /^During handling of the above exception/,
  /^The above exception was the direct cause/,
  /^\.\.\. \d+ more$/,
];

const isFrame = (trimmed: string) => FRAME_LINES.some((re) => re.test(trimmed));

/**
 * The last line of a stderr tail that states the failure: blank lines, traceback headers, `File …` and
 * `at …` frames and the indented source lines under them are skipped. An indented line counts only when
 * nothing unindented is left (some tools indent everything). Undefined when nothing is left at all.
 */
export function lastMeaningfulLine(text: string): string | undefined {
  const lines = text.replace(ANSI, "").split(/\r\n|\r|\n/);
  let indented: string | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const raw = lines[i]!.replace(CONTROL, "");
    const trimmed = raw.trim();
    if (!trimmed || isFrame(trimmed)) continue;
    if (/^\s/.test(raw)) {
      indented ??= trimmed;
      continue;
    }
    return trimmed;
  }
  return indented;
}

const isPlaceholder = (s: string) => (PLACEHOLDERS as readonly string[]).includes(s);

/** A path: absolute (Unix, Windows, UNC), home- or dot-relative, or relative with at least two separators. */
const PATH_TAIL = String.raw`[^\s'"<>|:;,()\[\]{}]`;
const PATH_BODY = String.raw`(?:[A-Za-z]:[\\/]|\\\\|\.\.?[\\/])${PATH_TAIL}*|~?/${PATH_TAIL}+|(?=[\w.\\/-]*[A-Za-z])[\w.-]+(?:[\\/][\w.-]+){2,}[\\/]?`;
const PATH_ONLY = new RegExp(`^(?:${PATH_BODY})$`);
const PATH = new RegExp(`(?<![\\w<>/\\\\.~-])(?:${PATH_BODY})`, "g");
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi;
const URL_ONLY = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g;
const GUID = /(?<![0-9A-Za-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9A-Za-z])/gi;
const IP = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?![\d.])/g;
/** 0x-prefixed, or a run of 8+ hex digits holding a digit and a letter (a word like "deadbeef" stays; a plain number is a number). */
const HEX = /(?<![0-9A-Za-z])(?:0x[0-9a-f]+|(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{8,})(?![0-9A-Za-z])/gi;
/** A number not glued to a word's letters before it (v42, utf8, sha256 stay), with its decimals. */
const NUMBER = /(?<![A-Za-z\d])\d+(?:\.\d+)*/g;
/**
 * A quoted value: the opening quote after a space, punctuation or the line's start, the closing one before
 * a space, punctuation or the end, so an apostrophe in "can't" or "don't" opens nothing.
 */
const QUOTED = /(?<=^|[\s:=([{,])(['"`])([^'"`\n]+)\1(?=$|[\s:,.;)\]}!?])/g;

function maskQuoted(_m: string, quote: string, body: string): string {
  if (isPlaceholder(body)) return `${quote}${body}${quote}`;
  return `${quote}${PATH_ONLY.test(body) || URL_ONLY.test(body) ? "<path>" : "<…>"}${quote}`;
}

/**
 * Masks what differs between tasks failing the same way. Order matters: wholes first (URLs, quoted values,
 * times, GUIDs, addresses), then paths, then hex and plain numbers, so a path's digits are not masked twice.
 */
export function maskLine(line: string): string {
  let s = line.replace(ANSI, "").replace(CONTROL, "").replace(/\s+/g, " ").trim();
  s = s.replace(URL, "<url>");
  s = s.replace(QUOTED, maskQuoted);
  s = s.replace(TIMESTAMP, "<time>");
  s = s.replace(GUID, "<guid>");
  s = s.replace(IP, "<ip>");
  s = s.replace(PATH, "<path>");
  s = s.replace(HEX, "<hex>");
  s = s.replace(NUMBER, "<n>");
  return cut(s);
}

/** Cut at a space before the limit, marked with an ellipsis; a cut never splits a token, so masking again changes nothing. */
function cut(s: string): string {
  if (s.length <= MAX_LINE_CHARS) return s;
  const room = s.slice(0, MAX_LINE_CHARS - 2);
  const space = room.lastIndexOf(" ");
  // No space: cut after the last character that is not part of a word, so no token is split.
  const at = space > 0 ? space : room.search(/[^0-9A-Za-z_][0-9A-Za-z_]*$/) + 1;
  return `${at > 0 ? room.slice(0, at).trimEnd() : room} …`;
}
