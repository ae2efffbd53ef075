import type { RedirectOp, ScriptSyntaxError } from "./script-ast";

export type ShOperator = ";" | ";;" | "&" | "&&" | "||" | "|" | "\n" | "(" | ")";

export type ShToken =
  | { kind: "word"; value: string; line: number }
  | { kind: "op"; op: ShOperator; line: number }
  | { kind: "redir"; fd: number | undefined; op: RedirectOp; line: number };

export type LexResult = { ok: true; tokens: ShToken[] } | { ok: false; error: ScriptSyntaxError };

// Characters a backslash escapes inside double quotes (POSIX 2.2.3); elsewhere it stays literal.
const DQUOTE_ESCAPABLE = new Set(["$", "`", '"', "\\", "\n"]);

/** The lexer's state while it walks one script: the tokens so far and the word being built. */
class ShLexer {
  readonly tokens: ShToken[] = [];
  private line = 1;
  private word = "";
  private inWord = false;
  private quoted = false;
  private wordLine = 1;
  private i = 0;

  constructor(private readonly script: string) {}

  run(): LexResult {
    while (this.i < this.script.length) {
      const error = this.step(this.script.charAt(this.i), this.script.charAt(this.i + 1));
      if (error) return { ok: false, error };
    }
    this.flush();
    return { ok: true, tokens: this.tokens };
  }

  private startWord(): void {
    if (!this.inWord) {
      this.inWord = true;
      this.wordLine = this.line;
    }
  }

  private flush(): void {
    if (this.inWord) this.tokens.push({ kind: "word", value: this.word, line: this.wordLine });
    this.word = "";
    this.inWord = false;
    this.quoted = false;
  }

  private op(op: ShOperator, length: number): void {
    this.flush();
    this.tokens.push({ kind: "op", op, line: this.line });
    this.i += length;
  }

  /** Consumes one character (or construct) starting at `c`; a syntax error ends the script. */
  private step(c: string, next: string): ScriptSyntaxError | undefined {
    if (c === " " || c === "\t") {
      this.flush();
      this.i += 1;
    } else if (c === "\n") {
      this.op("\n", 1);
      this.line += 1;
    } else if (c === "#" && !this.inWord) {
      while (this.i < this.script.length && this.script.charAt(this.i) !== "\n") this.i += 1;
    } else if (c === "\\") {
      this.backslash(next);
    } else if (c === "'") {
      return this.singleQuoted();
    } else if (c === '"') {
      return this.doubleQuoted();
    } else if (c === ";") {
      this.op(next === ";" ? ";;" : ";", next === ";" ? 2 : 1);
    } else if (c === "&" || c === "|") {
      const op: ShOperator = next === c ? (c === "&" ? "&&" : "||") : c;
      this.op(op, op.length);
    } else if (c === "(" || c === ")") {
      this.op(c, 1);
    } else if (c === ">" || c === "<") {
      this.redirect(c, next);
    } else {
      this.startWord();
      this.word += c;
      this.i += 1;
    }
    return undefined;
  }

  private backslash(next: string): void {
    if (next === "\n") {
      this.line += 1;
    } else {
      this.startWord();
      this.word += this.i + 1 < this.script.length ? next : "\\";
    }
    this.i += 2;
  }

  private singleQuoted(): ScriptSyntaxError | undefined {
    this.startWord();
    this.quoted = true;
    const close = this.script.indexOf("'", this.i + 1);
    if (close < 0) return { kind: "unterminated", quote: "'", line: this.line };
    const body = this.script.slice(this.i + 1, close);
    this.word += body;
    this.line += countNewlines(body);
    this.i = close + 1;
    return undefined;
  }

  private doubleQuoted(): ScriptSyntaxError | undefined {
    this.startWord();
    this.quoted = true;
    const startLine = this.line;
    const script = this.script;
    for (let j = this.i + 1; j < script.length;) {
      const d = script.charAt(j);
      if (d === '"') {
        this.i = j + 1;
        return undefined;
      }
      if (d === "\\" && DQUOTE_ESCAPABLE.has(script.charAt(j + 1))) {
        const escaped = script.charAt(j + 1);
        if (escaped === "\n") this.line += 1;
        else this.word += escaped;
        j += 2;
        continue;
      }
      if (d === "\n") this.line += 1;
      this.word += d;
      j += 1;
    }
    return { kind: "unterminated", quote: '"', line: startLine };
  }

  private redirect(c: ">" | "<", next: string): void {
    // An unquoted all-digit word glued to the operator is the fd number (`2>&1`), not an argument.
    let fd: number | undefined;
    if (this.inWord && !this.quoted && /^\d+$/.test(this.word)) {
      fd = Number(this.word);
      this.word = "";
      this.inWord = false;
    } else {
      this.flush();
    }
    const [op, length] = redirectOperator(c, next);
    this.tokens.push({ kind: "redir", fd, op, line: this.line });
    this.i += length;
  }
}

/**
 * Splits a POSIX shell script into words, operators and redirections. Quotes are removed here;
 * there is no parameter expansion, so `$X` stays literal.
 */
export function lexShell(script: string): LexResult {
  return new ShLexer(script).run();
}

function redirectOperator(c: ">" | "<", next: string): [RedirectOp, number] {
  if (c === ">") {
    if (next === ">") return [">>", 2];
    if (next === "&") return [">&", 2];
    if (next === "|") return [">", 2];
    return [">", 1];
  }
  if (next === "&") return ["<&", 2];
  // Here-documents and `<>` are not emulated; reading them as plain input redirects keeps parsing going.
  if (next === "<" || next === ">") return ["<", 2];
  return ["<", 1];
}

function countNewlines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === "\n") n += 1;
  return n;
}
