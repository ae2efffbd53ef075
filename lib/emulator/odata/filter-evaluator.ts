import type { FilterNode, FilterOp, FilterType } from "./filter-types";
import { parseDateTime } from "./filter-lexer";

/**
 * Turns a checked filter tree into plain closures, once per list call: one call may evaluate it against up
 * to 200,000 tasks, so nothing here walks the tree per item.
 */

export type Predicate = (item: object) => boolean;
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

/** One predicate per operator; `read` gives the item's normalised value, `literal` is normalised the same way. */
function comparator(op: Exclude<FilterOp, "startswith">, read: (item: object) => number | undefined, literal: number): Predicate {
  switch (op) {
    case "eq":
      return (item) => read(item) === literal;
    case "ne":
      return (item) => read(item) !== literal;
    case "gt":
      return (item) => {
        const v = read(item);
        return v !== undefined && v > literal;
      };
    case "ge":
      return (item) => {
        const v = read(item);
        return v !== undefined && v >= literal;
      };
    case "lt":
      return (item) => {
        const v = read(item);
        return v !== undefined && v < literal;
      };
    case "le":
      return (item) => {
        const v = read(item);
        return v !== undefined && v <= literal;
      };
  }
}

export function compileComparison(path: string, type: FilterType, op: FilterOp, literal: string | number): Predicate {
  const get = compileGetter(path);
  const normalize = NORMALIZERS[type];
  if (op === "startswith") {
    const prefix = String(literal);
    return (item) => {
      const v = normalize(get(item));
      return typeof v === "string" && v.startsWith(prefix);
    };
  }
  // TypeScript refuses relational operators on string | number. The cast is sound because the literal was
  // checked against the schema type, so both sides are numbers or both are strings.
  return comparator(op, (item) => normalize(get(item)) as number | undefined, literal as number);
}

/** The predicate for a whole filter tree. */
export function compileNode(node: FilterNode): Predicate {
  switch (node.kind) {
    case "compare":
      return compileComparison(node.path, node.type, node.op, node.literal);
    case "not": {
      const operand = compileNode(node.operand);
      return (item) => !operand(item);
    }
    case "and": {
      const [a, b] = [compileNode(node.left), compileNode(node.right)];
      return (item) => a(item) && b(item);
    }
    case "or": {
      const [a, b] = [compileNode(node.left), compileNode(node.right)];
      return (item) => a(item) || b(item);
    }
  }
}
