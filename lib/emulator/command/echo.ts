/**
 * "gnu" is coreutils /bin/echo and bash's builtin: -n/-e/-E options, escapes only with -e.
 * "dash" is Debian/Ubuntu /bin/sh: only -n, and backslash escapes are always interpreted.
 */
export type EchoFlavor = "gnu" | "dash";

/** The exact text `echo args…` writes, including its trailing newline unless suppressed. */
export function echoText(args: readonly string[], flavor: EchoFlavor): string {
  let newline = true;
  let escapes = flavor === "dash";
  let index = 0;
  for (; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (flavor === "dash") {
      if (arg !== "-n") break;
      newline = false;
      continue;
    }
    if (!/^-[neE]+$/.test(arg)) break;
    for (const flag of arg.slice(1)) {
      if (flag === "n") newline = false;
      else escapes = flag === "e";
    }
  }
  const body = args.slice(index).join(" ");
  if (!escapes) return newline ? `${body}\n` : body;
  const expanded = expandEscapes(body, flavor);
  // `\c` stops all further output, the newline included.
  if (expanded.stopped) return expanded.text;
  return newline ? `${expanded.text}\n` : expanded.text;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

function expandEscapes(text: string, flavor: EchoFlavor): { text: string; stopped: boolean } {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c !== "\\" || i + 1 >= text.length) {
      out += c;
      i += 1;
      continue;
    }
    const e = text.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e === "c") {
      return { text: out, stopped: true };
    } else if (e === "e" && flavor === "gnu") {
      out += "\x1b";
      i += 2;
    } else if (e === "0") {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 2))?.[0] ?? "";
      out += String.fromCharCode(digits === "" ? 0 : parseInt(digits, 8) & 0xff);
      i += 2 + digits.length;
    } else if (e === "x" && flavor === "gnu" && /^[0-9a-fA-F]/.test(text.charAt(i + 2))) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))?.[0] ?? "";
      out += String.fromCharCode(parseInt(digits, 16));
      i += 2 + digits.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out, stopped: false };
}
