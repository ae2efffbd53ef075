import { ODataError } from "./filter-types";

/** Splits a `$filter` expression into tokens; DateTime'…' literals are parsed here into epoch milliseconds. */

export type Token =
  | { kind: "ident" | "string" | "lparen" | "rparen" | "comma" | "eof"; text: string; pos: number }
  | { kind: "datetime" | "int"; text: string; value: number; pos: number };

// Sticky regexes match in place, so the tokenizer never slices the input to look ahead.
const WHITESPACE = /\s+/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/y;
const INT = /-?\d+/y;
const PUNCTUATION = { "(": "lparen", ")": "rparen", ",": "comma" } as const;

// Batch is UTC throughout; without the appended Z an offset-less ISO time would be read in the emulator
// host's local zone.
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
export const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}/;

export function parseDateTime(text: string): number | undefined {
  const ms = Date.parse(ISO_WITHOUT_ZONE.test(text) ? `${text}Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

class Lexer {
  readonly tokens: Token[] = [];
  private i = 0;

  constructor(private readonly expr: string) {}

  fail(message: string): never {
    throw new ODataError(message, "$filter", this.expr);
  }

  run(): Token[] {
    while (this.i < this.expr.length) this.readToken();
    this.tokens.push({ kind: "eof", text: "", pos: this.expr.length });
    return this.tokens;
  }

  private matchAt(re: RegExp): string | undefined {
    re.lastIndex = this.i;
    return re.exec(this.expr)?.[0];
  }

  /** Returns the unescaped text ('' is a literal quote) and moves past the closing quote. */
  private readQuoted(): string {
    const start = this.i;
    let text = "";
    for (let i = start + 1; ;) {
      const close = this.expr.indexOf("'", i);
      if (close < 0) this.fail(`Unterminated string literal starting at position ${start}`);
      text += this.expr.slice(i, close);
      if (this.expr[close + 1] !== "'") {
        this.i = close + 1;
        return text;
      }
      text += "'";
      i = close + 2;
    }
  }

  private readToken(): void {
    const pos = this.i;
    const ch = this.expr.charAt(pos);
    const space = this.matchAt(WHITESPACE);
    if (space) {
      this.i += space.length;
      return;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      this.tokens.push({ kind: PUNCTUATION[ch], text: ch, pos });
      this.i++;
      return;
    }
    if (ch === "'") {
      this.tokens.push({ kind: "string", text: this.readQuoted(), pos });
      return;
    }
    const int = this.matchAt(INT);
    if (int) return this.readInt(int, pos);
    const ident = this.matchAt(IDENT);
    if (ident) return this.readIdentOrDateTime(ident, pos);
    this.fail(`Unexpected character '${ch}' at position ${pos}`);
  }

  private readInt(int: string, pos: number): void {
    this.i += int.length;
    if (/[\w.]/.test(this.expr.charAt(this.i))) this.fail(`Invalid number at position ${pos}: only integer literals are supported`);
    const value = Number(int);
    if (!Number.isSafeInteger(value)) this.fail(`Integer literal ${int} at position ${pos} is out of range`);
    this.tokens.push({ kind: "int", text: int, value, pos });
  }

  private readIdentOrDateTime(ident: string, pos: number): void {
    this.i += ident.length;
    if (ident.toLowerCase() !== "datetime" || this.expr[this.i] !== "'") {
      this.tokens.push({ kind: "ident", text: ident, pos });
      return;
    }
    const text = this.readQuoted();
    const value = parseDateTime(text);
    if (value === undefined) this.fail(`Invalid DateTime literal '${text}' at position ${pos}`);
    this.tokens.push({ kind: "datetime", text, value, pos });
  }
}

/** The tokens of `expr`, ending with one "eof" token. Throws ODataError on a character no token can start with. */
export function tokenize(expr: string): Token[] {
  return new Lexer(expr).run();
}
