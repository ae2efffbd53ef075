"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * The frame every dialog uses: Radix's focus trap, Escape and aria wiring, an overlay, and a scrolling
 * panel. `busy` keeps it open while a request is in flight, so closing cannot orphan a POST.
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
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && !busy && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <RadixDialog.Content
          data-testid={testId}
          {...(description ? {} : { "aria-describedby": undefined })}
          className={cn(
            "fixed top-1/2 left-1/2 z-50 max-h-[90vh] -translate-x-1/2 -translate-y-1/2",
            "space-y-4 overflow-y-auto rounded-lg bg-white p-6 shadow-xl dark:bg-slate-900",
            width === "lg" ? "w-[min(44rem,95vw)]" : "w-[min(40rem,95vw)]",
          )}
        >
          <RadixDialog.Title className="text-xl font-semibold [overflow-wrap:anywhere]">{title}</RadixDialog.Title>
          {description && <RadixDialog.Description className="text-sm text-slate-700 dark:text-slate-300">{description}</RadixDialog.Description>}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Cancel and submit, in the order and look every dialog uses. */
export function DialogButtons({
  busy,
  ready,
  testId,
  tone,
  children,
}: {
  busy: boolean;
  ready: boolean;
  testId: string;
  tone: "danger" | "primary";
  children: ReactNode;
}) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <RadixDialog.Close asChild>
        <Button size="md" disabled={busy}>
          Cancel
        </Button>
      </RadixDialog.Close>
      <Button type="submit" size="md" variant={tone} disabled={!ready} data-testid={testId} className="[overflow-wrap:anywhere] whitespace-normal">
        {children}
      </Button>
    </div>
  );
}
