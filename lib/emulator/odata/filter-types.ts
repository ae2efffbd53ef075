/** The shapes a `$filter` is checked against, and the error every OData problem becomes. */

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

/**
 * A checked filter expression. A comparison's literal is already normalised like the item values it is
 * compared with (lowercase strings, epoch milliseconds, 0/1 for booleans).
 */
export type FilterNode =
  | { kind: "compare"; path: string; type: FilterType; op: FilterOp; literal: string | number }
  | { kind: "not"; operand: FilterNode }
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode };
