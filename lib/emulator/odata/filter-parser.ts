import { ODataError, type FilterNode, type FilterOp, type FilterProperty, type FilterSchema } from "./filter-types";
import { ISO_PREFIX, parseDateTime, tokenize, type Token } from "./filter-lexer";

/**
 * Parses an OData `$filter` into a checked tree. Grammar, loosest first:
 *   or := and ("or" and)*;  and := unary ("and" unary)*;  unary := "not" unary | "(" or ")" | call | comparison
 * Throws ODataError on syntax errors, unknown properties, operators the schema does not allow for a
 * property, and literals of the wrong type.
 */

const COMPARISON_OPS: ReadonlySet<string> = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

function describe(token: Token): string {
  return token.kind === "eof" ? "end of expression" : `'${token.text}'`;
}

function isKeyword(token: Token | undefined, word: string): boolean {
  return token?.kind === "ident" && token.text.toLowerCase() === word;
}

/** A cursor over the tokens: peeking, consuming and failing with the whole expression attached. */
class TokenCursor {
  private index = 0;
  private readonly eof: Token;

  constructor(
    private readonly tokens: Token[],
    private readonly expr: string,
  ) {
    this.eof = tokens[tokens.length - 1] ?? { kind: "eof", text: "", pos: expr.length };
  }

  fail(message: string): never {
    throw new ODataError(message, "$filter", this.expr);
  }
  peek(offset = 0): Token {
    return this.tokens[this.index + offset] ?? this.eof;
  }
  next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.index++;
    return token;
  }
  expect(kind: Token["kind"], what: string): void {
    const token = this.next();
    if (token.kind !== kind) this.fail(`Expected ${what} at position ${token.pos}, found ${describe(token)}`);
  }
}

class FilterParser {
  constructor(
    private readonly at: TokenCursor,
    private readonly schema: FilterSchema,
  ) {}

  parseAll(): FilterNode {
    const node = this.parseOr();
    const trailing = this.at.peek();
    if (trailing.kind !== "eof") {
      this.at.fail(`Unexpected ${describe(trailing)} at position ${trailing.pos}: expected 'and', 'or' or the end`);
    }
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (isKeyword(this.at.peek(), "or")) {
      this.at.next();
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (isKeyword(this.at.peek(), "and")) {
      this.at.next();
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    const token = this.at.peek();
    if (isKeyword(token, "not")) {
      this.at.next();
      return { kind: "not", operand: this.parseUnary() };
    }
    if (token.kind === "lparen") {
      this.at.next();
      const inner = this.parseOr();
      this.at.expect("rparen", "')'");
      return inner;
    }
    if (isKeyword(token, "startswith") && this.at.peek(1).kind === "lparen") return this.parseStartsWith();
    return this.parseComparison();
  }

  private parseStartsWith(): FilterNode {
    const pos = this.at.next().pos;
    this.at.expect("lparen", "'(' after startswith");
    const [name, property] = this.readProperty();
    this.checkOp(name, property, "startswith", pos);
    if (property.type !== "string" && property.type !== "enum") this.at.fail(`startswith needs a string property, not '${name}'`);
    this.at.expect("comma", "','");
    const literal = this.readLiteral(name, property);
    this.at.expect("rparen", "')' to close startswith");
    return { kind: "compare", path: property.path ?? name, type: property.type, op: "startswith", literal };
  }

  private parseComparison(): FilterNode {
    const [name, property] = this.readProperty();
    const opToken = this.at.next();
    const op = opToken.kind === "ident" ? opToken.text.toLowerCase() : "";
    if (!COMPARISON_OPS.has(op)) {
      this.at.fail(`Expected a comparison operator (eq, ne, gt, ge, lt, le) after '${name}' at position ${opToken.pos}, ` + `found ${describe(opToken)}`);
    }
    this.checkOp(name, property, op as FilterOp, opToken.pos);
    const literal = this.readLiteral(name, property);
    return { kind: "compare", path: property.path ?? name, type: property.type, op: op as FilterOp, literal };
  }

  private readProperty(): [string, FilterProperty] {
    const token = this.at.next();
    if (token.kind !== "ident") this.at.fail(`Expected a property name at position ${token.pos}, found ${describe(token)}`);
    const property = Object.hasOwn(this.schema, token.text) ? this.schema[token.text] : undefined;
    if (property) return [token.text, property];
    // Names are case-sensitive, so a near miss deserves a pointer rather than the full list.
    const nearMiss = Object.keys(this.schema).find((k) => k.toLowerCase() === token.text.toLowerCase());
    const hint = nearMiss ? `property names are case-sensitive; did you mean '${nearMiss}'?` : `filterable properties: ${Object.keys(this.schema).join(", ")}`;
    return this.at.fail(`Unknown property '${token.text}' at position ${token.pos} (${hint})`);
  }

  private checkOp(name: string, property: FilterProperty, op: FilterOp, pos: number): void {
    if (property.ops.includes(op)) return;
    const supported = property.ops.join(", ");
    this.at.fail(`Operator '${op}' is not supported for property '${name}' at position ${pos} (supported: ${supported})`);
  }

  /** Checks the literal against the property's type and returns it normalised like the item values. */
  private readLiteral(name: string, property: FilterProperty): string | number {
    const token = this.at.next();
    const wrongType = (expected: string): never => {
      const article = property.type === "enum" || property.type === "int" ? "an" : "a";
      return this.at.fail(`Property '${name}' is ${article} ${property.type}: expected ${expected} at position ${token.pos}, ` + `found ${describe(token)}`);
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
}

/** The checked tree of a non-blank `$filter` expression. */
export function parseFilter(expr: string, schema: FilterSchema): FilterNode {
  return new FilterParser(new TokenCursor(tokenize(expr), expr), schema).parseAll();
}
