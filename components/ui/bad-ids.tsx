import { TextLink } from "./text-link";

/** The rule each kind of id follows, as lib/schemas/inputs.ts checks it (docs/real-service.md "Ids"). */
const ID_RULES: Record<string, string> = {
  node: "node ids are made by Batch, 1–128 letters, digits, hyphens or underscores (tvmps_… on virtual-machine pools)",
  job: "job ids are 1–64 letters, digits, hyphens or underscores, or a scheduled run's <schedule>:job-<n>",
  default: "ids are 1–64 letters, digits, hyphens or underscores",
};

/** A link whose ids Batch could never have issued (a mangled paste): say which, and offer the parent. */
export function BadIds({ ids, parent }: { ids: [what: string, value: string, ok: boolean][]; parent: { href: string; label: string } }) {
  return (
    <section
      role="alert"
      aria-labelledby="bad-ids-heading"
      className="space-y-2 rounded-lg border border-slate-300 bg-slate-50 p-6 dark:border-slate-700 dark:bg-slate-900"
    >
      <h1 id="bad-ids-heading" className="text-xl font-semibold">
        This link is not valid
      </h1>
      <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
        {ids
          .filter(([, , ok]) => !ok)
          .map(([what, value]) => (
            <li key={what}>
              The {what} id <span className="font-mono break-all">{safeDecode(value)}</span> is not a Batch id: {ID_RULES[what] ?? ID_RULES.default}.
            </li>
          ))}
      </ul>
      <TextLink tone="plain" className="inline-block" href={parent.href}>
        {parent.label}
      </TextLink>
    </section>
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
