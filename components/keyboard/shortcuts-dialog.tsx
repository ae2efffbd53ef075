"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { SHORTCUTS } from "./shortcut-keys";

/** The list of keyboard shortcuts, opened with `?`, on the kit's dialog (focus trap, Escape, aria wiring). */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  if (!open) return null;
  return (
    <Dialog
      title="Keyboard shortcuts"
      description="They work anywhere on the page except while typing in a text box."
      onClose={() => onOpenChange(false)}
      testId="shortcuts-dialog"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="contents">
            <dt className="flex flex-wrap gap-1 whitespace-nowrap">
              {s.keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <div className="flex justify-end">
        <RadixDialog.Close asChild>
          <Button size="md">Close</Button>
        </RadixDialog.Close>
      </div>
    </Dialog>
  );
}
