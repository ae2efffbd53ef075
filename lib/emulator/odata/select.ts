import { ODataError } from "./filter";

/**
 * Parses `$select` ("id, state,executionInfo/exitCode") against the allowed top-level names. Undefined means
 * "everything". A nested path is checked only by its first segment, since `allowed` lists top-level names.
 */
export function parseSelect(select: string | undefined, allowed: ReadonlySet<string>): ReadonlySet<string> | undefined {
  if (select === undefined || select.trim() === "") return undefined;
  const names = new Set<string>();
  for (const raw of select.split(",")) {
    const name = raw.trim();
    const top = name.split("/")[0] ?? "";
    if (name === "" || name.split("/").some((segment) => segment === "")) {
      throw new ODataError(`Empty property name in $select '${select}'`, "$select", select);
    }
    if (!allowed.has(top)) {
      throw new ODataError(`Unknown property '${top}' in $select (selectable properties: ${[...allowed].join(", ")})`, "$select", select);
    }
    names.add(name);
  }
  return names;
}

interface SelectPlan {
  whole: readonly string[];
  nested: readonly (readonly string[])[];
}

// A list call applies the same selection to every item, so the split paths are worked out once per set.
const plans = new WeakMap<ReadonlySet<string>, SelectPlan>();

function planFor(selected: ReadonlySet<string>): SelectPlan {
  let plan = plans.get(selected);
  if (plan) return plan;
  const whole = [...selected].filter((name) => !name.includes("/"));
  const nested = [...selected]
    .filter((name) => name.includes("/"))
    .map((name) => name.split("/"))
    // Selecting the whole parent already includes every nested path under it.
    .filter((path) => !whole.includes(path[0] ?? ""));
  plan = { whole, nested };
  plans.set(selected, plan);
  return plan;
}

type Bag = Record<string, unknown>;

const isObject = (value: unknown): value is Bag => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Projects an item onto the selected properties; without a selection the item itself is returned. Absent
 * properties stay absent, as the REST API omits them. For a nested path the enclosing objects are kept with
 * only the selected keys; they are dropped where the item has no such parent object.
 */
export function applySelect<T extends object>(item: T, selected: ReadonlySet<string> | undefined): Partial<T> {
  if (!selected) return item;
  const { whole, nested } = planFor(selected);
  const source = item as Bag;
  const result: Bag = {};
  for (const name of whole) {
    if (source[name] !== undefined) result[name] = source[name];
  }
  for (const path of nested) {
    let from: unknown = source;
    let to = result;
    for (const [depth, segment] of path.entries()) {
      if (!isObject(from)) break;
      const value: unknown = from[segment];
      if (depth === path.length - 1) {
        if (value !== undefined) to[segment] = value;
      } else if (isObject(value)) {
        const existing = to[segment];
        to = isObject(existing) ? existing : (to[segment] = {});
      }
      from = value;
    }
  }
  return result as Partial<T>;
}
