// One AST for both dialects (sh and cmd) so a single runner handles lists, pipes and redirects.

export type RedirectOp = ">" | ">>" | ">&" | "<" | "<&";

export interface Redirect {
  /** Undefined means the operator's default: 1 for output, 0 for input. */
  fd: number | undefined;
  op: RedirectOp;
  target: string;
}

export interface SimpleCommand {
  words: string[];
  redirects: Redirect[];
  line: number;
  /** The command as written minus redirections; cmd's echo prints it verbatim. */
  text: string;
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface AndOrList {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
}

export interface Script {
  lists: AndOrList[];
}

export type ScriptSyntaxError =
  { kind: "unexpected"; token: string; line: number } | { kind: "eof"; line: number } | { kind: "unterminated"; quote: string; line: number };

export type ParseResult = { ok: true; script: Script } | { ok: false; error: ScriptSyntaxError };
