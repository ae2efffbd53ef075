"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { InfoIcon } from "@/components/ui/icons";
import { Tooltip } from "@/components/ui/tooltip";
import { buttonState, refusal } from "@/lib/display/remediation";
import { ACTION_LABELS } from "@/lib/remediation";
import type { Identity } from "@/lib/schemas/identity";
import { NODE_ACTIONS, type NodeAction, type PreviewResponse } from "@/lib/schemas/remediation";

const DESTRUCTIVE: ReadonlySet<NodeAction> = new Set(["remove", "reimage"]);

/**
 * The bar of action buttons: one compact row. Why a button is disabled (or applies to only some nodes)
 * is in its tooltip and, for screen readers and anyone reading the text, in a hidden note the button is
 * described by; an operator the role refuses sees that once, beside the buttons. `compact` (a bar inside a
 * table's card, which is narrower) uses smaller buttons that never wrap one onto its own line.
 */
export function ActionButtons({
  nodeIds,
  testId,
  identity,
  preview,
  onOpen,
  compact = false,
}: {
  nodeIds: string[];
  testId: string;
  compact?: boolean;
  identity: Identity | undefined;
  preview: PreviewResponse | undefined;
  onOpen: (action: NodeAction) => void;
}) {
  const noteId = useId();
  const refused = refusal(identity);
  return (
    <div
      role="group"
      aria-label={nodeIds.length === 1 ? `Actions on node ${nodeIds[0]}` : `Actions on ${nodeIds.length} selected nodes`}
      data-testid={testId}
      className="flex flex-wrap items-center gap-2"
    >
      <div className={compact ? "flex flex-nowrap items-center gap-1" : "contents"}>
        {NODE_ACTIONS.map((action) => {
          const s = buttonState(action, nodeIds.length, identity, preview);
          const id = `${noteId}-${action}`;
          const button = (
            <Button
              variant={DESTRUCTIVE.has(action) ? "dangerOutline" : "secondary"}
              disabled={!s.enabled}
              aria-describedby={s.note && !refused ? id : refused ? noteId : undefined}
              onClick={() => onOpen(action)}
              className={compact ? "px-1.5 text-xs" : undefined}
            >
              {ACTION_LABELS[action]}
              {s.enabled && s.note && <InfoIcon className="ml-1 text-xs text-slate-500 dark:text-slate-400" />}
            </Button>
          );
          return s.note && !refused ? (
            <span key={action} className="inline-flex">
              {/* A disabled button gets no pointer events: the tooltip listens on the span around it. */}
              <Tooltip content={s.note}>
                <span className="inline-flex">{button}</span>
              </Tooltip>
              <span id={id} data-testid={`action-note-${action}`} className="sr-only">
                {s.note}
              </span>
            </span>
          ) : (
            <span key={action} className="inline-flex">
              {button}
            </span>
          );
        })}
      </div>
      {refused && (
        <p id={noteId} data-testid="action-refused" className="text-sm font-medium text-amber-800 dark:text-amber-300">
          {refused}
        </p>
      )}
    </div>
  );
}
