/**
 * Splits a Linux task command line into argv. The Batch agent does this without a shell, so quotes
 * and backslashes group words but operators such as `&&` or `>` are ordinary arguments.
 */
export function splitPosixArgs(commandLine: string): string[] {
  const args: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < commandLine.length; i += 1) {
    const c = commandLine.charAt(i);
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && /["\\$`]/.test(commandLine.charAt(i + 1))) {
        word += commandLine.charAt(i + 1);
        i += 1;
      } else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < commandLine.length) {
      word += commandLine.charAt(i + 1);
      inWord = true;
      i += 1;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) args.push(word);
  return args;
}

/**
 * Splits a Windows command line the way the Microsoft C runtime builds argv: double quotes group,
 * and backslashes are literal except directly before a quote (2n → n and a quote toggle, 2n+1 → n and a literal quote).
 */
export function splitWindowsArgs(commandLine: string): string[] {
  const args: string[] = [];
  let word = "";
  let inWord = false;
  let inQuotes = false;
  let i = 0;
  while (i < commandLine.length) {
    const c = commandLine.charAt(i);
    if (c === "\\") {
      let slashes = 0;
      while (commandLine.charAt(i) === "\\") {
        slashes += 1;
        i += 1;
      }
      inWord = true;
      if (commandLine.charAt(i) === '"') {
        word += "\\".repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) {
          word += '"';
          i += 1;
        }
      } else {
        word += "\\".repeat(slashes);
      }
      continue;
    }
    if (c === '"') {
      inQuotes = !inQuotes;
      inWord = true;
    } else if ((c === " " || c === "\t") && !inQuotes) {
      if (inWord) args.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
    i += 1;
  }
  if (inWord) args.push(word);
  return args;
}

/** Where the program token of a Windows command line ends; the first token follows simpler rules than the rest. */
export function windowsProgramTokenEnd(commandLine: string): number {
  let i = 0;
  while (commandLine.charAt(i) === " " || commandLine.charAt(i) === "\t") i += 1;
  if (commandLine.charAt(i) === '"') {
    const close = commandLine.indexOf('"', i + 1);
    return close < 0 ? commandLine.length : close + 1;
  }
  while (i < commandLine.length && !/\s/.test(commandLine.charAt(i))) i += 1;
  return i;
}
