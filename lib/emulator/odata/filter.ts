import type { FilterSchema } from "./filter-types";
import { parseFilter } from "./filter-parser";
import { compileNode } from "./filter-evaluator";

/**
 * The subset of OData v3 `$filter` that the Batch service accepts (the filterable properties per list are in
 * ./schemas.ts). Three steps, like the emulator's shell: filter-lexer.ts splits the text into tokens,
 * filter-parser.ts checks it against the schema into a tree, and filter-evaluator.ts compiles that tree once
 * into plain closures, because one list call evaluates it against up to 200,000 tasks.
 */

export { ODataError, type FilterOp, type FilterProperty, type FilterSchema, type FilterType } from "./filter-types";

/**
 * Compiles an OData `$filter` into a predicate. Throws ODataError on syntax errors, unknown properties,
 * operators the schema does not allow for a property, and literals of the wrong type. A blank expression
 * matches everything.
 */
export function compileFilter(expr: string, schema: FilterSchema): (item: object) => boolean {
  if (expr.trim() === "") return () => true;
  return compileNode(parseFilter(expr, schema));
}
