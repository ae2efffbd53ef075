"use client";

import { useId, useState } from "react";
import { checkCustomRange, toUtcInput } from "@/lib/links/custom-range";
import { Button } from "./button";
import { Input } from "./input";

/**
 * A from–to window typed by the operator, in local time: checked on Apply (start before end, nothing in
 * the future, at most 31 days), the problem said in an alert beside the field it is about, which is then
 * marked invalid and focused. Escape or Cancel closes it without changing the window.
 */
export function CustomRange({
  initial,
  onApply,
  onCancel,
}: {
  initial: { from: number; to: number };
  onApply: (range: { from: Date; to: Date }) => void;
  onCancel: () => void;
}) {
  const [from, setFrom] = useState(toUtcInput(initial.from));
  const [to, setTo] = useState(toUtcInput(initial.to));
  const [problem, setProblem] = useState<{ field: "from" | "to"; message: string }>();
  const id = useId();
  return (
    <form
      aria-label="Custom window"
      className="flex flex-wrap items-end gap-2"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const r = checkCustomRange(from, to, Date.now());
        if (r.ok) onApply(r);
        else {
          setProblem(r);
          document.getElementById(`${id}-${r.field}`)?.focus();
        }
      }}
    >
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        From (UTC)
        <Input
          id={`${id}-from`}
          type="datetime-local"
          className="text-sm"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={problem?.field === "from"}
          {...(problem?.field === "from" ? { "aria-describedby": `${id}-problem` } : {})}
        />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        To (UTC)
        <Input
          id={`${id}-to`}
          type="datetime-local"
          className="text-sm"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={problem?.field === "to"}
          {...(problem?.field === "to" ? { "aria-describedby": `${id}-problem` } : {})}
        />
      </label>
      <Button type="submit" className="py-1">
        Apply range
      </Button>
      <Button variant="ghost" className="py-1" onClick={onCancel}>
        Cancel
      </Button>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="basis-full text-sm text-red-800 dark:text-red-300">
          {problem.message}
        </p>
      )}
    </form>
  );
}
