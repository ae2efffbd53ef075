const NODE_STATE_TONE: Record<string, string> = {
  idle: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  running: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  offline: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  unusable: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  starttaskfailed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  unknown: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  deallocated: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  gone: "bg-slate-100 text-slate-600 line-through dark:bg-slate-900 dark:text-slate-400",
};

/** States carry their name, never colour alone (colour-blind operators, printed tickets). */
export function NodeStateBadge({ state }: { state: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${NODE_STATE_TONE[state] ?? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}>{state}</span>;
}

export const CATEGORY_TONE: Record<string, string> = {
  Application: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  Node: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  PreProcessing: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  FileUpload: "bg-fuchsia-100 text-fuchsia-900 dark:bg-fuchsia-950 dark:text-fuchsia-200",
  Constraint: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  Terminated: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  Container: "bg-teal-100 text-teal-900 dark:bg-teal-950 dark:text-teal-200",
  Unknown: "bg-slate-100 text-slate-800 dark:bg-slate-900 dark:text-slate-200",
};

export function CategoryBadge({ category }: { category: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${CATEGORY_TONE[category] ?? CATEGORY_TONE.Unknown}`}>{category}</span>;
}

export function TaskStateBadge({ state, outcome }: { state: string; outcome?: string }) {
  const tone = outcome === "failed" ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : outcome === "succeeded" ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200";
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>{outcome === "failed" || outcome === "succeeded" ? `${state}: ${outcome}` : state}</span>;
}
