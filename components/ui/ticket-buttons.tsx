"use client";

import { useState } from "react";
import { useFrozen } from "@/components/snapshots/frozen";
import { ApiError, errorInfo } from "@/lib/queries/api-fetch";
import { createSnapshot } from "@/lib/queries/snapshots";
import { ApiErrorBanner } from "./api-error-banner";
import { Button } from "./button";
import { CopyButton } from "./copy-buttons";
import { absoluteUrl, currentView } from "./save-snapshot";

/**
 * "Copy for ticket", and beside it "Copy with snapshot": takes a snapshot of this view first and puts its
 * link under the live one, so the ticket still shows the evidence after Batch has forgotten it. `text` gets
 * the snapshot's link when there is one. In a frozen view only the plain copy is offered.
 */
export function TicketButtons({ account, text }: { account: string; text: (snapshotUrl?: string) => string }) {
  const frozen = useFrozen();
  const [state, setState] = useState<{ kind: "idle" | "saving" | "copied" } | { kind: "error"; error: ApiError }>({ kind: "idle" });
  const copyWithSnapshot = async () => {
    setState({ kind: "saving" });
    let value: string;
    try {
      value = text(absoluteUrl((await createSnapshot(account, currentView(false), "")).url));
    } catch (e) {
      setState({ kind: "error", error: e instanceof ApiError ? e : new ApiError({ kind: "server", status: 0, message: String(e) }) });
      return;
    }
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      window.prompt("Copy this:", value);
    }
    setState({ kind: "copied" });
    setTimeout(() => setState({ kind: "idle" }), 2_000);
  };
  const err = state.kind === "error" ? errorInfo(state.error) : undefined;
  return (
    <>
      <CopyButton label="Copy for ticket" text={() => text()} testId="copy-ticket" />
      {!frozen && (
        <Button data-testid="copy-ticket-snapshot" disabled={state.kind === "saving"} onClick={() => void copyWithSnapshot()}>
          <span aria-live="polite">
            {state.kind === "saving" ? "Saving snapshot…" : state.kind === "copied" ? "Copied with snapshot" : "Copy with snapshot"}
          </span>
        </Button>
      )}
      {err && (
        <div className="basis-full">
          <ApiErrorBanner error={err} />
        </div>
      )}
    </>
  );
}
