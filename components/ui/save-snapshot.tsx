"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useFrozen } from "@/components/snapshots/frozen";
import { errorInfo } from "@/lib/queries/api-fetch";
import { createSnapshot } from "@/lib/queries/snapshots";
import { ApiErrorBanner } from "./api-error-banner";
import { Button } from "./button";
import { CopyButton } from "./copy-buttons";
import { Dialog, DialogButtons } from "./dialog";
import { Field } from "./field";
import { Textarea } from "./input";

/**
 * The view to freeze: this page's path and query as the operator sees it (the server resolves a relative
 * window to absolute times), and on the file viewer the `#L` selection too (docs/snapshots.md).
 */
export function currentView(withHash: boolean): string {
  return location.pathname + location.search + (withHash ? location.hash : "");
}

/** The snapshot's link as one to paste elsewhere: absolute, whatever form the server answered. */
export const absoluteUrl = (url: string) => new URL(url, location.origin).href;

/** "Save snapshot": a note, then the snapshot's link with a copy button. Not shown in a frozen view. */
export function SaveSnapshotButton({ account, withHash = false }: { account: string; withHash?: boolean }) {
  const frozen = useFrozen();
  const [open, setOpen] = useState(false);
  if (frozen) return null;
  return (
    <>
      <Button data-testid="save-snapshot" onClick={() => setOpen(true)}>
        Save snapshot
      </Button>
      {open && <SaveSnapshotDialog account={account} withHash={withHash} onClose={() => setOpen(false)} />}
    </>
  );
}

function SaveSnapshotDialog({ account, withHash, onClose }: { account: string; withHash: boolean; onClose: () => void }) {
  const [note, setNote] = useState("");
  const [view] = useState(() => currentView(withHash));
  const save = useMutation({ mutationFn: () => createSnapshot(account, view, note) });
  const err = errorInfo(save.error);
  const link = save.data ? absoluteUrl(save.data.url) : undefined;
  return (
    <Dialog
      title="Save snapshot"
      description="Freezes what this view shows now, so its link still shows the evidence after Batch has forgotten it."
      busy={save.isPending}
      onClose={onClose}
      testId="snapshot-dialog"
    >
      {link ? (
        <div className="space-y-3" data-testid="snapshot-saved">
          <p className="text-sm">Saved. Anyone signed in to this dashboard can open it:</p>
          <p className="rounded border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm [overflow-wrap:anywhere] dark:border-slate-700 dark:bg-slate-800">
            <a href={link} className="text-blue-700 underline dark:text-blue-300" data-testid="snapshot-link">
              {link}
            </a>
          </p>
          <div className="flex justify-end gap-2">
            <CopyButton label="Copy link" text={() => link} testId="copy-snapshot-link" />
            <Button size="md" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!save.isPending) save.mutate();
          }}
        >
          <p className="font-mono text-xs [overflow-wrap:anywhere] text-slate-600 dark:text-slate-300">{view}</p>
          <Field label="Note (optional)">
            {(id) => (
              <Textarea id={id} className="w-full" value={note} maxLength={2000} rows={3} disabled={save.isPending} onChange={(e) => setNote(e.target.value)} />
            )}
          </Field>
          {err && <ApiErrorBanner error={err} />}
          <DialogButtons busy={save.isPending} ready={!save.isPending} testId="snapshot-submit" tone="primary">
            {save.isPending ? "Saving…" : "Save snapshot"}
          </DialogButtons>
        </form>
      )}
    </Dialog>
  );
}
