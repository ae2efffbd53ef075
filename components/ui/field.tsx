"use client";

import { useId, type ReactNode } from "react";
import { MIN_REASON_LENGTH } from "@/lib/schemas/remediation";
import { Input, Textarea } from "./input";

/** A labelled form control, label above: `children` gets the id to put on the control. */
export function Field({ label, children }: { label: ReactNode; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold [overflow-wrap:anywhere]">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/**
 * The reason and ticket every audited action asks for, the same in every dialog. A required reason
 * needs three characters, as the server checks.
 */
export function ReasonAndTicket({
  reason,
  onReason,
  ticket,
  onTicket,
  required,
  disabled,
}: {
  reason: string;
  onReason: (next: string) => void;
  ticket: string;
  onTicket: (next: string) => void;
  required: boolean;
  disabled: boolean;
}) {
  return (
    <>
      <Field label={required ? "Reason (required)" : "Reason (optional)"}>
        {(id) => (
          <Textarea
            id={id}
            {...(required ? { required: true, minLength: MIN_REASON_LENGTH } : {})}
            maxLength={1000}
            rows={2}
            value={reason}
            disabled={disabled}
            onChange={(e) => onReason(e.target.value)}
            className="w-full text-sm"
          />
        )}
      </Field>
      <Field label="Ticket reference (optional)">
        {(id) => (
          <Input
            id={id}
            size="md"
            maxLength={200}
            value={ticket}
            disabled={disabled}
            onChange={(e) => onTicket(e.target.value)}
            className="w-full text-sm"
            placeholder="INC-1234"
          />
        )}
      </Field>
    </>
  );
}
