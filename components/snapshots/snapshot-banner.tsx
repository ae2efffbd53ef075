import Link from "next/link";
import { formatTime } from "@/lib/format";
import type { SnapshotMeta } from "@/lib/schemas/snapshots";

/**
 * Above a frozen view: that it is a snapshot, when and by whom, the note (the author's text, shown as
 * text), the window it froze, what was left out to stay within the size bound, and the way to the live view.
 */
export function SnapshotBanner({ snapshot: s }: { snapshot: SnapshotMeta }) {
  return (
    <section
      aria-label="Snapshot"
      data-testid="snapshot-banner"
      className="space-y-2 rounded-lg border border-indigo-300 bg-indigo-50 px-4 py-3 text-sm text-indigo-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-50"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-base font-semibold">
          Snapshot — taken {formatTime(s.takenAt)} by <span className="[overflow-wrap:anywhere]">{s.author}</span>
        </p>
        <Link href={s.view} className="font-medium text-blue-800 underline dark:text-blue-200" data-testid="snapshot-live-link">
          Open the live view
        </Link>
      </div>
      {s.note && (
        <p className="[overflow-wrap:anywhere] whitespace-pre-wrap" data-testid="snapshot-note">
          {s.note}
        </p>
      )}
      <p className="text-indigo-900 dark:text-indigo-100">
        {s.window ? `Window: ${formatTime(s.window.from)} – ${formatTime(s.window.to)}. ` : ""}
        What Batch answered then; nothing here refreshes, and actions are not offered.
      </p>
      {s.cut.length > 0 && (
        <div
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
          data-testid="snapshot-cut"
        >
          <p className="font-semibold">Left out to keep the snapshot within its size bound:</p>
          <ul className="list-disc pl-5">
            {s.cut.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
