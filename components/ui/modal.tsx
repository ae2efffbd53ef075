"use client";

import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";

/**
 * The frame every dialog of ours uses: Radix's focus trap, Escape and aria wiring, an overlay, and a
 * scrolling panel. `busy` keeps it open while a request is in flight, so closing cannot orphan a POST.
 */
export function Modal({
  title,
  description,
  busy,
  onClose,
  testId,
  width = "40rem",
  children,
}: {
  title: ReactNode;
  description: ReactNode;
  busy: boolean;
  onClose: () => void;
  testId: string;
  width?: "40rem" | "44rem";
  children: ReactNode;
}) {
  return (
    <Dialog.Root open onOpenChange={(open) => !open && !busy && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content
          data-testid={testId}
          className={`fixed top-1/2 left-1/2 z-50 max-h-[90vh] ${width === "44rem" ? "w-[min(44rem,95vw)]" : "w-[min(40rem,95vw)]"} -translate-x-1/2 -translate-y-1/2 space-y-4 overflow-y-auto rounded-lg bg-white p-6 shadow-xl dark:bg-slate-900`}
        >
          <Dialog.Title className="text-xl font-semibold [overflow-wrap:anywhere]">{title}</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-700 dark:text-slate-300">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Cancel and submit, in the order and look every dialog uses. */
export function ModalButtons({ busy, ready, testId, tone, children }: { busy: boolean; ready: boolean; testId: string; tone: "danger" | "primary"; children: ReactNode }) {
  const colour = tone === "danger" ? "bg-red-700 hover:bg-red-800" : "bg-blue-700 hover:bg-blue-800";
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Dialog.Close asChild>
        <button type="button" disabled={busy} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800">
          Cancel
        </button>
      </Dialog.Close>
      <button type="submit" disabled={!ready} data-testid={testId} className={`max-w-full rounded ${colour} px-3 py-1 font-semibold text-white [overflow-wrap:anywhere] disabled:cursor-not-allowed disabled:opacity-50`}>
        {children}
      </button>
    </div>
  );
}
