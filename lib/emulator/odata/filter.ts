/**
 * The subset of OData v3 `$filter` that the Batch service accepts (batch-api.md §2.5). An expression is
 * compiled once into plain closures because one list call evaluates it against up to 200,000 tasks.
 */

export type FilterType = "string" | "enum" | "datetime" | "int" | "bool";
export type FilterOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "startswith";
export interface FilterProperty {
  type: FilterType;
  ops: readonly FilterOp[];
  /** Where the value lives on the item when that differs from the OData name (an alias). */
  path?: string;
}
/** Keys are OData paths such as "executionInfo/exitCode". */
export type FilterSchema = Readonly<Record<string, FilterProperty>>;

/** The server turns this into HTTP 400 InvalidQueryParameterValue. */
export class ODataError extends Error {
  constructor(
    message: string,
    readonly parameter: "$filter" | "$select",
    readonly value: string,
  ) {
    super(message);
    this.name = "ODataError";
  }
}

const COMPARISON_OPS: ReadonlySet<string> = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

// ---------------------------------------------------------------------------------------------- tokenizer

type Token =
  | { kind: "ident" | "string" | "lparen" | "rparen" | "comma" | "eof"; text: string; pos: number }
  | { kind: "datetime" | "int"; text: string; value: number; pos: number };

// Sticky regexes match in place, so the tokenizer never slices the input to look ahead.
const WHITESPACE = /\s+/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/y;
const INT = /-?\d+/y;
const PUNCTUATION = { "(": "lparen", ")": "rparen", ",": "comma" } as const;

function tokenize(expr: string): Token[] {
  function fail(message: string): never {
    throw new ODataError(message, "$filter", expr);
  }
  function matchAt(re: RegExp, at: number): string | undefined {
    re.lastIndex = at;
    return re.exec(expr)?.[0];
  }
  // Returns the unescaped text ('' is a literal quote) and the index just past the closing quote.
  function readQuoted(start: number): [string, number] {
    let text = "";
    for (let i = start + 1; ; ) {
      const close = expr.indexOf("'", i);
      if (close < 0) fail(`Unterminated string literal starting at position ${start}`);
      text += expr.slice(i, close);
      if (expr[close + 1] !== "'") return [text, close + 1];
      text += "'";
      i = close + 2;
    }
  }

  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const pos = i;
    const ch = expr.charAt(i);
    const space = matchAt(WHITESPACE, i);
    const int = space ? undefined : matchAt(INT, i);
    const ident = space || int ? undefined : matchAt(IDENT, i);
    if (space) {
      i += space.length;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: PUNCTUATION[ch], text: ch, pos });
      i++;
    } else if (ch === "'") {
      const [text, end] = readQuoted(i);
      tokens.push({ kind: "string", text, pos });
      i = end;
    } else if (int) {
      i += int.length;
      if (/[\w.]/.test(expr.charAt(i))) fail(`Invalid number at position ${pos}: only integer literals are supported`);
      const value = Number(int);
      if (!Number.isSafeInteger(value)) fail(`Integer literal ${int} at position ${pos} is out of range`);
      tokens.push({ kind: "int", text: int, value, pos });
    } else if (ident) {
      i += ident.length;
      if (ident.toLowerCase() === "datetime" && expr[i] === "'") {
        const [text, end] = readQuoted(i);
        const value = parseDateTime(text);
        if (value === undefined) fail(`Invalid DateTime literal '${text}' at position ${pos}`);
        tokens.push({ kind: "datetime", text, value, pos });
        i = end;
      } else {
        tokens.push({ kind: "ident", text: ident, pos });
      }
    } else {
      fail(`Unexpected character '${ch}' at position ${pos}`);
    }
  }
  tokens.push({ kind: "eof", text: "", pos: expr.length });
  return tokens;
}

// Batch is UTC throughout; without the appended Z an offset-less ISO time would be read in the emulator
// host's local zone.
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}/;

function parseDateTime(text: string): number | undefined {
  const ms = Date.parse(ISO_WITHOUT_ZONE.test(text) ? `${text}Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

// ----------------------------------------------------------------------------------------- value access

type Predicate = (item: object) => boolean;
type Getter = (item: object) => unknown;

function compileGetter(path: string): Getter {
  const segments = path.split("/");
  const [first] = segments;
  if (segments.length === 1 && first !== undefined) return (item) => (item as Record<string, unknown>)[first];
  return (item) => {
    let current: unknown = item;
    for (const segment of segments) {
      if (current === null || typeof current !== "object") return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
}

// Every type is reduced to a string or a number so that one set of comparison closures serves them all;
// undefined means missing (or of a type the schema did not promise, which Batch would never send).
type Normalizer = (value: unknown) => string | number | undefined;

const NORMALIZERS: Record<FilterType, Normalizer> = {
  // Batch compares values case-insensitively.
  string: (v) => (typeof v === "string" ? v.toLowerCase() : undefined),
  enum: (v) => (typeof v === "string" ? v.toLowerCase() : undefined),
  int: (v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined),
  bool: (v) => (typeof v === "boolean" ? Number(v) : undefined),
  // Stores may hold wire-format strings, Date objects or epoch milliseconds.
  datetime: (v) => {
    if (typeof v === "string") {
      // Wire timestamps end in Z; skipping the zone check for them is most of the cost on 200k items.
      if (!v.endsWith("Z")) return parseDateTime(v);
      const ms = Date.parse(v);
      return Number.isNaN(ms) ? undefined : ms;
    }
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
  },
};

function compileComparison(path: string, type: FilterType, op: FilterOp, literal: string | number): Predicate {
  const get = compileGetter(path);
  const normalize = NORMALIZERS[type];
  // TypeScript refuses relational operators on string | number. The cast is sound because the literal was
  // checked against the schema type, so both sides are numbers or both are strings.
  const lit = literal as number;
  const read = (item: object) => normalize(get(item)) as number | undefined;
  switch (op) {
    case "eq":
      return (item) => read(item) === lit;
    case "ne":
      return (item) => read(item) !== lit;
    case "gt":
      return (item) => {
        const v = read(item);
        return v !== undefined && v > lit;
      };
    case "ge":
      return (item) => {
        const v = read(item);
        return v !== undefined && v >= lit;
      };
    case "lt":
      return (item) => {
        const v = read(item);
        return v !== undefined && v < lit;
      };
    case "le":
      return (item) => {
        const v = read(item);
        return v !== undefined && v <= lit;
      };
    case "startswith": {
      const prefix = String(literal);
      return (item) => {
        const v = normalize(get(item));
        return typeof v === "string" && v.startsWith(prefix);
      };
    }
  }
}

// ------------------------------------------------------------------------------------------------ parser

/**
 * Compiles an OData `$filter` into a predicate. Grammar, loosest first:
 *   or := and ("or" and)*;  and := unary ("and" unary)*;  unary := "not" unary | "(" or ")" | call | comparison
 * Throws ODataError on syntax errors, unknown properties, operators the schema does not allow for a
 * property, and literals of the wrong type. A blank expression matches everything.
 */
export function compileFilter(expr: string, schema: FilterSchema): (item: object) => boolean {
  if (expr.trim() === "") return () => true;
  const tokens = tokenize(expr);
  const eof: Token = tokens[tokens.length - 1] ?? { kind: "eof", text: "", pos: expr.length };
  let index = 0;

  function fail(message: string): never {
    throw new ODataError(message, "$filter", expr);
  }
  function peek(): Token {
    return tokens[index] ?? eof;
  }
  function next(): Token {
    const token = peek();
    if (token.kind !== "eof") index++;
    return token;
  }
  function describe(token: Token): string {
    return token.kind === "eof" ? "end of expression" : `'${token.text}'`;
  }
  function isKeyword(token: Token | undefined, word: string): boolean {
    return token?.kind === "ident" && token.text.toLowerCase() === word;
  }
  function expect(kind: Token["kind"], what: string): void {
    const token = next();
    if (token.kind !== kind) fail(`Expected ${what} at position ${token.pos}, found ${describe(token)}`);
  }

  function readProperty(): [string, FilterProperty] {
    const token = next();
    if (token.kind !== "ident") fail(`Expected a property name at position ${token.pos}, found ${describe(token)}`);
    const property = Object.hasOwn(schema, token.text) ? schema[token.text] : undefined;
    if (property) return [token.text, property];
    // Names are case-sensitive, so a near miss deserves a pointer rather than the full list.
    const nearMiss = Object.keys(schema).find((k) => k.toLowerCase() === token.text.toLowerCase());
    const hint = nearMiss
      ? `property names are case-sensitive; did you mean '${nearMiss}'?`
      : `filterable properties: ${Object.keys(schema).join(", ")}`;
    return fail(`Unknown property '${token.text}' at position ${token.pos} (${hint})`);
  }

  function checkOp(name: string, property: FilterProperty, op: FilterOp, pos: number): void {
    if (property.ops.includes(op)) return;
    const supported = property.ops.join(", ");
    fail(`Operator '${op}' is not supported for property '${name}' at position ${pos} (supported: ${supported})`);
  }

  // Checks the literal against the property's type and returns it normalised like the item values.
  function readLiteral(name: string, property: FilterProperty): string | number {
    const token = next();
    const wrongType = (expected: string): never => {
      const article = property.type === "enum" || property.type === "int" ? "an" : "a";
      return fail(
        `Property '${name}' is ${article} ${property.type}: expected ${expected} at position ${token.pos}, ` +
          `found ${describe(token)}`,
      );
    };
    switch (property.type) {
      case "string":
      case "enum":
        return token.kind === "string" ? token.text.toLowerCase() : wrongType("a quoted string");
      case "int":
        return token.kind === "int" ? token.value : wrongType("an integer");
      case "bool":
        if (isKeyword(token, "true")) return 1;
        return isKeyword(token, "false") ? 0 : wrongType("true or false");
      case "datetime": {
        if (token.kind === "datetime") return token.value;
        const ms = token.kind === "string" && ISO_PREFIX.test(token.text) ? parseDateTime(token.text) : undefined;
        return ms ?? wrongType("DateTime'…'");
      }
    }
  }

  function parseStartsWith(): Predicate {
    const pos = next().pos;
    expect("lparen", "'(' after startswith");
    const [name, property] = readProperty();
    checkOp(name, property, "startswith", pos);
    if (property.type !== "string" && property.type !== "enum") fail(`startswith needs a string property, not '${name}'`);
    expect("comma", "','");
    const literal = readLiteral(name, property);
    expect("rparen", "')' to close startswith");
    return compileComparison(property.path ?? name, property.type, "startswith", literal);
  }

  function parseComparison(): Predicate {
    const [name, property] = readProperty();
    const opToken = next();
    const op = opToken.kind === "ident" ? opToken.text.toLowerCase() : "";
    if (!COMPARISON_OPS.has(op)) {
      fail(
        `Expected a comparison operator (eq, ne, gt, ge, lt, le) after '${name}' at position ${opToken.pos}, ` +
          `found ${describe(opToken)}`,
      );
    }
    checkOp(name, property, op as FilterOp, opToken.pos);
    return compileComparison(property.path ?? name, property.type, op as FilterOp, readLiteral(name, property));
  }

  function parseUnary(): Predicate {
    const token = peek();
    if (isKeyword(token, "not")) {
      next();
      const operand = parseUnary();
      return (item) => !operand(item);
    }
    if (token.kind === "lparen") {
      next();
      const inner = parseOr();
      expect("rparen", "')'");
      return inner;
    }
    if (isKeyword(token, "startswith") && tokens[index + 1]?.kind === "lparen") return parseStartsWith();
    return parseComparison();
  }

  function parseAnd(): Predicate {
    let left = parseUnary();
    while (isKeyword(peek(), "and")) {
      next();
      const [a, b] = [left, parseUnary()];
      left = (item) => a(item) && b(item);
    }
    return left;
  }

  function parseOr(): Predicate {
    let left = parseAnd();
    while (isKeyword(peek(), "or")) {
      next();
      const [a, b] = [left, parseAnd()];
      left = (item) => a(item) || b(item);
    }
    return left;
  }

  const predicate = parseOr();
  const trailing = peek();
  if (trailing.kind !== "eof") {
    fail(`Unexpected ${describe(trailing)} at position ${trailing.pos}: expected 'and', 'or' or the end`);
  }
  return predicate;
}
