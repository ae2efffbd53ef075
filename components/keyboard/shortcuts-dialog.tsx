"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { SHORTCUTS } from "./shortcut-keys";

/** The list of keyboard shortcuts, opened with `?`. Radix gives it the focus trap, Escape and aria wiring. */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content
          data-testid="shortcuts-dialog"
          className={
            "fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(36rem,95vw)] -translate-x-1/2 -translate-y-1/2 space-y-4 " +
            "overflow-y-auto rounded-lg bg-white p-6 shadow-xl dark:bg-slate-900"
          }
        >
          <Dialog.Title className="text-xl font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-700 dark:text-slate-300">
            They work anywhere on the page except while typing in a text box.
          </Dialog.Description>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {SHORTCUTS.map((s) => (
              <div key={s.what} className="contents">
                <dt className="flex flex-wrap gap-1 whitespace-nowrap">
                  {s.keys.map((k) => (
                    <kbd key={k} className="rounded border border-slate-300 px-1.5 font-mono text-xs dark:border-slate-600">
                      {k}
                    </kbd>
                  ))}
                </dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
          <div className="flex justify-end">
            <Dialog.Close className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Close
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
