import { splitWindowsArgs } from "./argv";
import type { AndOrList, ParseResult, Redirect, RedirectOp, SimpleCommand } from "./script-ast";

type CmdOperator = "&" | "&&" | "||" | "|";

interface Segment {
  text: string;
  redirects: Redirect[];
  /** The operator that ends this segment; undefined for the last. */
  op: CmdOperator | undefined;
}

/**
 * Parses a cmd.exe line: `&` `&&` `||` `|` separate commands, `^` escapes, double quotes protect,
 * and redirections are cut out of the text wherever they appear (which is why `echo hi 1>&2` prints "hi ").
 */
export function parseCmdScript(source: string): ParseResult {
  const segments = splitSegments(source);
  const lists: AndOrList[] = [];
  let current: AndOrList | undefined;
  let pendingOp: CmdOperator | undefined;
  for (const [index, segment] of segments.entries()) {
    const text = segment.text.replace(/^[\s@]+/, "");
    const isLast = index === segments.length - 1;
    if (text.trim() === "" && segment.redirects.length === 0) {
      // A trailing `&` is harmless; any other missing command is a syntax error.
      if (isLast && pendingOp === "&") break;
      if (isLast && pendingOp !== undefined) return { ok: false, error: { kind: "eof", line: 1 } };
      if (segment.op !== undefined) return { ok: false, error: { kind: "unexpected", token: segment.op, line: 1 } };
      break;
    }
    const command: SimpleCommand = { words: splitWindowsArgs(text), redirects: segment.redirects, line: 1, text };
    if (current === undefined || pendingOp === "&") {
      current = { first: { commands: [command] }, rest: [] };
      lists.push(current);
    } else if (pendingOp === "|") {
      const lastStep = current.rest[current.rest.length - 1];
      (lastStep?.pipeline ?? current.first).commands.push(command);
    } else if (pendingOp !== undefined) {
      current.rest.push({ op: pendingOp, pipeline: { commands: [command] } });
    }
    pendingOp = segment.op;
  }
  return { ok: true, script: { lists } };
}

function splitSegments(source: string): Segment[] {
  const segments: Segment[] = [];
  let text = "";
  let redirects: Redirect[] = [];
  let inQuotes = false;
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    const next = source.charAt(i + 1);
    if (c === '"') {
      inQuotes = !inQuotes;
      text += c;
      i += 1;
    } else if (inQuotes) {
      text += c;
      i += 1;
    } else if (c === "^") {
      text += next;
      i += 2;
    } else if (c === "&" || c === "|") {
      const op: CmdOperator = next === c ? (c === "&" ? "&&" : "||") : c;
      segments.push({ text, redirects, op });
      text = "";
      redirects = [];
      i += op.length;
    } else if (c === ">" || c === "<") {
      // cmd takes a single digit right before the operator as the handle, even inside a word.
      let fd: number | undefined;
      const previous = text.charAt(text.length - 1);
      if (/\d/.test(previous)) {
        fd = Number(previous);
        text = text.slice(0, -1);
      }
      let op: RedirectOp = c;
      i += 1;
      if (c === ">" && source.charAt(i) === ">") {
        op = ">>";
        i += 1;
      } else if (source.charAt(i) === "&") {
        op = c === ">" ? ">&" : "<&";
        i += 1;
      }
      while (source.charAt(i) === " " || source.charAt(i) === "\t") i += 1;
      const start = i;
      let targetQuoted = false;
      while (i < source.length) {
        const t = source.charAt(i);
        if (t === '"') targetQuoted = !targetQuoted;
        else if (!targetQuoted && /[\s&|<>]/.test(t)) break;
        i += 1;
      }
      redirects.push({ fd, op, target: source.slice(start, i).replace(/"/g, "") });
    } else {
      text += c;
      i += 1;
    }
  }
  segments.push({ text, redirects, op: undefined });
  return segments;
}
