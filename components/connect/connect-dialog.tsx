"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Dialog, DialogButtons } from "@/components/ui/dialog";
import { DEFAULT_EXPIRY_HOURS, EXPIRY_CHOICES } from "@/lib/connect/expiry";
import { checkSshPublicKey } from "@/lib/connect/ssh-key";
import { errorInfo } from "@/lib/queries/api-fetch";
import { sendConnect } from "@/lib/queries/connect";
import type { ConnectResponse } from "@/lib/schemas/connect";
import { Field, ReasonAndTicket } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";

interface ConnectDialogProps {
  account: string;
  poolId: string;
  nodeId: string;
  credential: "sshKey" | "password";
  onClose: () => void;
  onDone: (r: ConnectResponse) => void;
}

/**
 * Asks for what the node needs to let the operator in: an SSH public key (checked as it is typed, with
 * the same check the server runs) or, on Windows and cloud-service nodes, nothing: a password is made.
 * Mounted only while open, so a closed dialog keeps no key.
 */
export function ConnectDialog({ account, poolId, nodeId, credential, onClose, onDone }: ConnectDialogProps) {
  const [key, setKey] = useState("");
  const [hours, setHours] = useState<number>(DEFAULT_EXPIRY_HOURS);
  const [reason, setReason] = useState("");
  const [ticket, setTicket] = useState("");
  const check = credential === "sshKey" && key.trim() !== "" ? checkSshPublicKey(key) : undefined;
  const send = useMutation({
    mutationFn: () =>
      sendConnect(account, poolId, nodeId, {
        ...(credential === "sshKey" ? { sshPublicKey: key.trim() } : {}),
        expiryHours: hours,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
      }),
    onSuccess: onDone,
  });
  const err = errorInfo(send.error);
  const ready = (credential === "password" || check?.ok === true) && !send.isPending;

  return (
    <Dialog
      testId="connect-dialog"
      busy={send.isPending}
      onClose={onClose}
      title={
        <>
          Connect to node <span className="font-mono break-all">{nodeId}</span>
        </>
      }
      description={
        "A temporary user (not an administrator) is created on the node with a generated name. " +
        "Who, when and why go to the audit log; the key or password never does."
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) send.mutate();
        }}
      >
        {credential === "sshKey" ? <SshKeyField value={key} onChange={setKey} check={check} disabled={send.isPending} /> : <PasswordNote />}
        <Field label="Expires after">
          {(id) => (
            <Select id={id} size="md" value={hours} disabled={send.isPending} onChange={(e) => setHours(Number(e.target.value))} className="w-full text-sm">
              {EXPIRY_CHOICES.map((h) => (
                <option key={h} value={h}>
                  {h === 1 ? "1 hour" : `${h} hours`}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <ReasonAndTicket reason={reason} onReason={setReason} ticket={ticket} onTicket={setTicket} required={false} disabled={send.isPending} />
        {err && <ApiErrorBanner error={err} />}
        <DialogButtons busy={send.isPending} ready={ready} testId="connect-submit" tone="primary">
          {send.isPending ? "Creating the user…" : "Create user"}
        </DialogButtons>
      </form>
    </Dialog>
  );
}

/** The public key box, checked as it is typed with the same check the server runs. */
function SshKeyField({
  value,
  onChange,
  check,
  disabled,
}: {
  value: string;
  onChange: (next: string) => void;
  check: ReturnType<typeof checkSshPublicKey> | undefined;
  disabled: boolean;
}) {
  const checkId = useId();
  return (
    <Field label="SSH public key">
      {(id) => (
        <>
          <Textarea
            id={id}
            rows={3}
            spellCheck={false}
            autoComplete="off"
            value={value}
            disabled={disabled}
            aria-describedby={checkId}
            aria-invalid={check ? !check.ok : undefined}
            placeholder="ssh-ed25519 AAAAC3Nza… you@laptop"
            onChange={(e) => onChange(e.target.value)}
            className="w-full font-mono text-xs"
          />
          <p
            id={checkId}
            data-testid="key-check"
            role="status"
            className={`text-sm ${check && !check.ok ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-300"}`}
          >
            {!check ? "The one line of your .pub file (cat ~/.ssh/id_ed25519.pub)." : check.ok ? `A valid ${check.type} public key.` : check.problem}
          </p>
        </>
      )}
    </Field>
  );
}

function PasswordNote() {
  return (
    <p data-testid="password-note" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950">
      This node runs Windows: a password is generated for the user and shown once, after it is created. Copy it then; it is not stored anywhere.
    </p>
  );
}
