/**
 * Placeholders shaped like a section's page (frame, title, panels), shown while it is being prepared and
 * per panel while the panel's first data loads. They say "Loading" to screen readers once, not per block.
 */
function Block({ className }: { className: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 dark:bg-slate-800 ${className}`} />;
}

/** One panel's placeholder; `rows` roughly matches how tall the panel will be. */
export function PanelSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <section aria-busy="true" aria-label={`${label} (loading)`} className="space-y-2 rounded border border-slate-200 p-4 dark:border-slate-800">
      <Block className="h-5 w-40" />
      {Array.from({ length: rows }, (_, i) => (
        <Block key={i} className="h-4 w-full" />
      ))}
    </section>
  );
}

/**
 * The pool's header while its read is on the way, as PoolView paints it: a text-2xl title line and a
 * text-sm line of facts, two blocks in the page's flow like the two it replaces. A panel-shaped placeholder
 * (a frame, three bars) was 34 px taller, and the pool's arrival pulled the page up under the operator.
 */
export function PoolHeaderSkeleton() {
  return (
    <>
      <section aria-busy="true" aria-label="Pool (loading)" className="flex h-8 items-center">
        <Block className="h-6 w-72" />
      </section>
      <div aria-hidden="true" className="flex h-5 items-center">
        <Block className="h-3.5 w-full max-w-2xl" />
      </div>
    </>
  );
}

/** A whole page's placeholder: the breadcrumbs line, the title, then its panels (label and height of each). */
export function PageSkeleton({ title, panels }: { title: string; panels: [label: string, rows: number][] }) {
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      <p role="status" className="sr-only">
        Loading the {title} page…
      </p>
      <div className="flex items-center justify-between">
        <Block className="h-4 w-64" />
        <Block className="h-4 w-40" />
      </div>
      <Block className="h-8 w-72" />
      {panels.map(([label, rows]) => (
        <PanelSkeleton key={label} label={label} rows={rows} />
      ))}
    </main>
  );
}

/** The task page's frame and panels, roughly where they will be: while it is prepared, and while its task is read. */
export const TaskPageSkeleton = () => (
  <PageSkeleton
    title="task"
    panels={[
      ["Why it failed", 3],
      ["State and timings", 4],
      ["Logs", 6],
    ]}
  />
);
