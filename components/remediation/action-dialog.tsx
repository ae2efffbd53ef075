"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Dialog, DialogButtons } from "@/components/ui/dialog";
import { shortId } from "@/lib/format";
import { errorInfo } from "@/lib/queries/api-fetch";
import { remediationQueries, sendAction } from "@/lib/queries/remediation";
import type { ActionRequest, ActionResponse, NodeAction, PoolTargets, PreviewNode, TaskOption } from "@/lib/schemas/remediation";
import { ACTION_LABELS, confirmationFor, defaultOptionFor, filesFate, optionsFor, stillNeeded } from "@/lib/remediation";
import { actionRequest, splitByAvailability, type ActionFields } from "@/lib/display/remediation";
import { CapacitySection, ExcludedNodes, OptionChoice, RunningTasks, TargetNodes } from "./dialog-sections";
import { Field, ReasonAndTicket } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";

/** Actions that put a node back to work: their button is not painted as a danger. */
const GENTLE_ACTIONS: ReadonlySet<NodeAction> = new Set(["enableScheduling", "start"]);

export interface Submitted {
  response: ActionResponse;
  /** The tasks that were running on the nodes acted on, as the dialog showed them. */
  tasks: { jobId: string; taskId: string; nodeId: string }[];
}

/**
 * The confirmation dialog of one action on the selected nodes: what happens to the running tasks, which
 * nodes are left out and why, a reason, and for destructive or large actions the typed confirmation.
 * Mounted only while open: the operation id is made once per opening, and reused by every retry of it.
 */
export function ActionDialog({
  account,
  poolId,
  action,
  nodeIds,
  onClose,
  onDone,
}: {
  account: string;
  poolId: string;
  action: NodeAction;
  nodeIds: string[];
  onClose: () => void;
  onDone: (s: Submitted) => void;
}) {
  const [operationId] = useState(() => crypto.randomUUID());
  // Always re-read on opening: the running tasks are the ones of this moment, not of the last refresh.
  const preview = useQuery({ ...remediationQueries.preview(account, poolId, nodeIds), refetchOnMount: "always", refetchInterval: false });
  const split = preview.data ? splitByAvailability(preview.data.nodes, action) : undefined;
  const eligible = split?.eligible ?? [];
  const targetIds = eligible.map((n) => n.nodeId);
  const confirmation = confirmationFor(action, targetIds);
  const tasks = eligible.flatMap((n) => n.runningTasks.map((t) => ({ ...t, nodeId: n.nodeId })));
  // What was sent first: after a failure whose outcome is unknown, a retry resends exactly this (same
  // operation id, same nodes even if the preview has changed meanwhile), so the server can recognise it.
  const [sent, setSent] = useState<{ request: ActionRequest; tasks: Submitted["tasks"] } | null>(null);
  const send = useMutation({
    mutationFn: (s: { request: ActionRequest; tasks: Submitted["tasks"] }) => sendAction(account, poolId, s.request),
    onSuccess: (response, s) => onDone({ response, tasks: s.tasks }),
  });
  const err = errorInfo(send.error);
  const frozen = send.isPending || err?.kind === "network" || err?.kind === "server";
  const submit = (f: ActionFields) => {
    const s = frozen && sent ? sent : { request: actionRequest(operationId, action, targetIds, f, confirmation.required), tasks };
    setSent(s);
    send.mutate(s);
  };
  const label = ACTION_LABELS[action];
  const count = targetIds.length === 1 ? `node ${targetIds[0]}` : `${targetIds.length} nodes`;
  const buttonCount = targetIds.length === 1 ? `node ${shortId(targetIds[0]!)}` : count;

  return (
    <Dialog
      testId="action-dialog"
      width="lg"
      busy={send.isPending}
      onClose={onClose}
      title={`${label}: ${preview.data ? count : `${nodeIds.length} selected ${nodeIds.length === 1 ? "node" : "nodes"}`}`}
      description={
        <>
          Pool <span className="font-mono">{poolId}</span>. Nothing is sent until you confirm; the action, your reason and Batch&apos;s answer go to the audit
          log.
        </>
      }
    >
      {preview.isPending && <p role="status">Reading the nodes and their running tasks…</p>}
      {!preview.data && errorInfo(preview.error) && <ApiErrorBanner error={errorInfo(preview.error)!} />}
      {split && (
        <ActionForm
          account={account}
          action={action}
          tasks={tasks}
          nodes={eligible}
          targets={action === "remove" ? preview.data?.targets : undefined}
          excluded={split.excluded}
          canSend={eligible.length > 0 && !send.isPending}
          confirmation={confirmation}
          frozen={frozen}
          busy={send.isPending}
          error={err}
          submitText={send.isPending ? "Sending…" : err && frozen ? `Retry: ${label.toLowerCase()} ${buttonCount}` : `${label} ${buttonCount}`}
          onSubmit={submit}
        />
      )}
    </Dialog>
  );
}

/** The dialog's form: the task option, what it does to running tasks, left-out nodes, reason, confirmation. */
function ActionForm({
  account,
  action,
  tasks,
  nodes,
  targets,
  excluded,
  canSend,
  confirmation,
  frozen,
  busy,
  error,
  submitText,
  onSubmit,
}: {
  account: string;
  action: NodeAction;
  tasks: Submitted["tasks"];
  nodes: PreviewNode[];
  /** For a removal: the pool's targets now, which it lowers. */
  targets: PoolTargets | undefined;
  excluded: ReturnType<typeof splitByAvailability>["excluded"];
  canSend: boolean;
  confirmation: ReturnType<typeof confirmationFor>;
  frozen: boolean;
  busy: boolean;
  error: ApiErrorInfo | undefined;
  submitText: string;
  onSubmit: (f: ActionFields) => void;
}) {
  const options = optionsFor(action);
  const [option, setOption] = useState<TaskOption | undefined>(defaultOptionFor(action));
  const [reason, setReason] = useState("");
  const [ticket, setTicket] = useState("");
  const [typed, setTyped] = useState("");
  const [keepCapacity, setKeepCapacity] = useState(false);
  const missing = stillNeeded(reason, confirmation, typed);
  const ready = canSend && missing === undefined;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onSubmit({ option, reason, ticket, typed, keepCapacity });
      }}
    >
      <TargetNodes nodes={nodes} />
      {targets && nodes.length > 0 && <CapacitySection before={targets} nodes={nodes} keep={keepCapacity} onKeep={setKeepCapacity} disabled={frozen} />}
      {options.length > 0 && <OptionChoice action={action} options={options} value={option} onChange={setOption} disabled={frozen} />}
      <RunningTasks account={account} action={action} option={option} tasks={tasks} />
      {filesFate(action) && (
        <p className="text-sm" data-testid="files-fate">
          {filesFate(action)}
        </p>
      )}
      <ExcludedNodes excluded={excluded} />
      <ReasonAndTicket reason={reason} onReason={setReason} ticket={ticket} onTicket={setTicket} required disabled={frozen} />
      {confirmation.required && (
        <Field label={confirmation.prompt}>
          {(id) => (
            <Input
              id={id}
              size="md"
              autoComplete="off"
              value={typed}
              disabled={frozen}
              onChange={(e) => setTyped(e.target.value)}
              className="w-full font-mono text-sm"
            />
          )}
        </Field>
      )}
      {error && <SendError error={error} frozen={frozen} />}
      <DialogButtons busy={busy} ready={ready} missing={missing} testId="action-submit" tone={GENTLE_ACTIONS.has(action) ? "primary" : "danger"}>
        {submitText}
      </DialogButtons>
    </form>
  );
}

/** A failed send; when its outcome is unknown, why retrying is safe. */
function SendError({ error, frozen }: { error: ApiErrorInfo; frozen: boolean }) {
  return (
    <div className="space-y-1">
      <ApiErrorBanner error={error} />
      {frozen && (
        <p className="text-sm">
          The dashboard may or may not have sent it. Retrying sends the same operation: nodes it already reached are not acted on twice.
        </p>
      )}
    </div>
  );
}
