import type { RedirectOp, ScriptSyntaxError } from "./script-ast";

export type ShOperator = ";" | ";;" | "&" | "&&" | "||" | "|" | "\n" | "(" | ")";

export type ShToken =
  | { kind: "word"; value: string; line: number }
  | { kind: "op"; op: ShOperator; line: number }
  | { kind: "redir"; fd: number | undefined; op: RedirectOp; line: number };

export type LexResult = { ok: true; tokens: ShToken[] } | { ok: false; error: ScriptSyntaxError };

// Characters a backslash escapes inside double quotes (POSIX 2.2.3); elsewhere it stays literal.
const DQUOTE_ESCAPABLE = new Set(["$", "`", '"', "\\", "\n"]);

/**
 * Splits a POSIX shell script into words, operators and redirections. Quotes are removed here;
 * there is no parameter expansion, so `$X` stays literal.
 */
export function lexShell(script: string): LexResult {
  const tokens: ShToken[] = [];
  let line = 1;
  let word = "";
  let inWord = false;
  let quoted = false;
  let wordLine = 1;

  const startWord = (): void => {
    if (!inWord) {
      inWord = true;
      wordLine = line;
    }
  };
  const flush = (): void => {
    if (inWord) tokens.push({ kind: "word", value: word, line: wordLine });
    word = "";
    inWord = false;
    quoted = false;
  };

  let i = 0;
  while (i < script.length) {
    const c = script.charAt(i);
    const next = script.charAt(i + 1);
    if (c === " " || c === "\t") {
      flush();
      i += 1;
    } else if (c === "\n") {
      flush();
      tokens.push({ kind: "op", op: "\n", line });
      line += 1;
      i += 1;
    } else if (c === "#" && !inWord) {
      while (i < script.length && script.charAt(i) !== "\n") i += 1;
    } else if (c === "\\") {
      if (next === "\n") {
        line += 1;
      } else {
        startWord();
        word += i + 1 < script.length ? next : "\\";
      }
      i += 2;
    } else if (c === "'") {
      startWord();
      quoted = true;
      const close = script.indexOf("'", i + 1);
      if (close < 0) return { ok: false, error: { kind: "unterminated", quote: "'", line } };
      const body = script.slice(i + 1, close);
      word += body;
      line += countNewlines(body);
      i = close + 1;
    } else if (c === '"') {
      startWord();
      quoted = true;
      const startLine = line;
      let j = i + 1;
      let closed = false;
      while (j < script.length) {
        const d = script.charAt(j);
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === "\\" && DQUOTE_ESCAPABLE.has(script.charAt(j + 1))) {
          const escaped = script.charAt(j + 1);
          if (escaped === "\n") line += 1;
          else word += escaped;
          j += 2;
          continue;
        }
        if (d === "\n") line += 1;
        word += d;
        j += 1;
      }
      if (!closed) return { ok: false, error: { kind: "unterminated", quote: '"', line: startLine } };
      i = j + 1;
    } else if (c === ";") {
      flush();
      const op = next === ";" ? ";;" : ";";
      tokens.push({ kind: "op", op, line });
      i += op.length;
    } else if (c === "&" || c === "|") {
      flush();
      const op: ShOperator = next === c ? (c === "&" ? "&&" : "||") : c;
      tokens.push({ kind: "op", op, line });
      i += op.length;
    } else if (c === "(" || c === ")") {
      flush();
      tokens.push({ kind: "op", op: c, line });
      i += 1;
    } else if (c === ">" || c === "<") {
      // An unquoted all-digit word glued to the operator is the fd number (`2>&1`), not an argument.
      let fd: number | undefined;
      if (inWord && !quoted && /^\d+$/.test(word)) {
        fd = Number(word);
        word = "";
        inWord = false;
      } else {
        flush();
      }
      const [op, length] = redirectOperator(c, next);
      tokens.push({ kind: "redir", fd, op, line });
      i += length;
    } else {
      startWord();
      word += c;
      i += 1;
    }
  }
  flush();
  return { ok: true, tokens };
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
