import type { AndOrList, ParseResult, Pipeline, Redirect, Script, ScriptSyntaxError, SimpleCommand } from "./script-ast";
import { lexShell, type ShToken } from "./sh-lexer";

class SyntaxFailure extends Error {
  constructor(readonly detail: ScriptSyntaxError) {
    super("syntax error");
  }
}

/**
 * Parses the subset of POSIX shell grammar the emulator runs: simple commands with redirections,
 * pipelines, && / || lists, and ; & newline separators. Subshells and compound commands are
 * reported as syntax errors rather than misread.
 */
export function parseShellScript(source: string): ParseResult {
  const lexed = lexShell(source);
  if (!lexed.ok) return lexed;
  try {
    return { ok: true, script: new Parser(lexed.tokens).script() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: error.detail };
    throw error;
  }
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly ShToken[]) {}

  script(): Script {
    const lists: AndOrList[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token === undefined) break;
      lists.push(this.andOr());
      const separator = this.peek();
      if (separator === undefined) break;
      if (separator.kind === "op" && (separator.op === ";" || separator.op === "&" || separator.op === "\n")) {
        this.index += 1;
        continue;
      }
      throw this.unexpected(separator);
    }
    return { lists };
  }

  private andOr(): AndOrList {
    const first = this.pipeline();
    const rest: AndOrList["rest"] = [];
    for (;;) {
      const token = this.peek();
      if (token?.kind !== "op" || (token.op !== "&&" && token.op !== "||")) break;
      this.index += 1;
      this.skipNewlines();
      rest.push({ op: token.op, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    const commands = [this.command()];
    for (;;) {
      const token = this.peek();
      if (token?.kind !== "op" || token.op !== "|") break;
      this.index += 1;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { commands };
  }

  private command(): SimpleCommand {
    const words: string[] = [];
    const redirects: Redirect[] = [];
    const start = this.peek();
    if (start === undefined) throw new SyntaxFailure({ kind: "eof", line: this.lastLine() });
    for (;;) {
      const token = this.peek();
      if (token === undefined || token.kind === "op") break;
      this.index += 1;
      if (token.kind === "word") {
        words.push(token.value);
        continue;
      }
      const target = this.peek();
      if (target === undefined) throw new SyntaxFailure({ kind: "unexpected", token: "\n", line: token.line });
      if (target.kind !== "word") throw this.unexpected(target);
      this.index += 1;
      redirects.push({ fd: token.fd, op: token.op, target: target.value });
    }
    if (words.length === 0 && redirects.length === 0) throw this.unexpected(start);
    return { words, redirects, line: start.line, text: words.join(" ") };
  }

  private unexpected(token: ShToken): SyntaxFailure {
    const text = token.kind === "op" ? token.op : token.kind === "word" ? token.value : token.op;
    return new SyntaxFailure({ kind: "unexpected", token: text, line: token.line });
  }

  private skipNewlines(): void {
    for (;;) {
      const token = this.peek();
      if (token?.kind !== "op" || token.op !== "\n") return;
      this.index += 1;
    }
  }

  private peek(): ShToken | undefined {
    return this.tokens[this.index];
  }

  private lastLine(): number {
    return this.tokens[this.tokens.length - 1]?.line ?? 1;
  }
}
