"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useId, useState, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * The frame every dialog uses: Radix's focus trap, Escape and aria wiring, an overlay, and a panel whose
 * title stays on top while the body scrolls (DialogButtons stick to its bottom, so Cancel and submit are
 * always on screen). `busy` keeps it open while a request is in flight, so closing cannot orphan a POST.
 * Our dialogs open from state, not from a Radix trigger, so the control that was focused on opening is
 * remembered here and gets focus back on closing.
 */
export function Dialog({
  title,
  description,
  busy = false,
  onClose,
  testId,
  width = "md",
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  busy?: boolean;
  onClose: () => void;
  testId: string;
  width?: "md" | "lg";
  children: ReactNode;
}) {
  const [opener] = useState(() => (typeof document === "undefined" ? null : document.activeElement));
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && !busy && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <RadixDialog.Content
          data-testid={testId}
          {...(description ? {} : { "aria-describedby": undefined })}
          onCloseAutoFocus={(e) => {
            if (opener instanceof HTMLElement && opener.isConnected) {
              e.preventDefault();
              opener.focus();
            }
          }}
          className={cn(
            "fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] -translate-x-1/2 -translate-y-1/2 flex-col",
            "rounded-lg bg-white shadow-xl dark:bg-slate-900",
            width === "lg" ? "w-[min(44rem,95vw)]" : "w-[min(40rem,95vw)]",
          )}
        >
          <div className="shrink-0 space-y-2 px-6 pt-6 pb-3">
            <RadixDialog.Title className="text-xl font-semibold [overflow-wrap:anywhere]">{title}</RadixDialog.Title>
            {description && <RadixDialog.Description className="text-sm text-slate-700 dark:text-slate-300">{description}</RadixDialog.Description>}
          </div>
          <div data-dialog-body="" className="min-h-0 flex-1 space-y-4 overflow-y-auto px-6 pb-6">
            {children}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/**
 * Cancel and submit, in the order and look every dialog uses; they stay at the bottom of a dialog whose body
 * scrolls. `missing` says what the disabled submit waits for, since the field may be out of view.
 */
export function DialogButtons({
  busy,
  ready,
  testId,
  tone,
  missing,
  children,
}: {
  busy: boolean;
  ready: boolean;
  testId: string;
  tone: "danger" | "primary";
  missing?: string | undefined;
  children: ReactNode;
}) {
  const missingId = useId();
  const hint = ready ? undefined : missing;
  return (
    // Edge to edge and down to the dialog's bottom (over the body's padding): the body scrolls under the
    // buttons, and none of it may show beside or below them.
    <div
      data-dialog-buttons=""
      className="sticky -bottom-6 -mx-6 -mb-6 flex flex-wrap items-center justify-end gap-2 bg-white px-6 pt-3 pb-6 dark:bg-slate-900"
    >
      {hint && (
        <p id={missingId} className="basis-full text-sm text-slate-600 dark:text-slate-300" data-testid="dialog-missing">
          {hint}
        </p>
      )}
      <RadixDialog.Close asChild>
        <Button size="md" disabled={busy}>
          Cancel
        </Button>
      </RadixDialog.Close>
      <Button
        type="submit"
        size="md"
        variant={tone}
        disabled={!ready}
        data-testid={testId}
        aria-describedby={hint ? missingId : undefined}
        className="[overflow-wrap:anywhere] whitespace-normal"
      >
        {children}
      </Button>
    </div>
  );
}
