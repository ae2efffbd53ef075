"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatLineHash, parseLineInput } from "@/lib/logs/line-hash";
import type { LoadedRange } from "@/lib/logs/loaded-range";
import { setHash } from "./use-hash";
import { holdsLine } from "./range-reads";

/**
 * While a linked line is being found. The server's line index reads a big file once in ranges to count its
 * lines (components/logs/line-index-client.ts), which takes seconds the first time: say so, with the time
 * so far, rather than a bare "Loading…". The server reports no progress, so none is shown.
 */
export function FindingLine({ name, line, since }: { name: string; line: number; since: number }) {
  const [now, setNow] = useState(since);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const seconds = Math.floor((now - since) / 1000);
  return (
    <p role="status" data-testid="finding-line" className="text-sm text-slate-600 dark:text-slate-300">
      <span aria-hidden="true" className="mr-2 inline-block size-2 animate-pulse rounded-full bg-slate-400 align-middle" />
      Finding line {line.toLocaleString("en")} of {name} — reading the file to count lines; a big file takes a while the first time.
      {seconds > 0 && ` ${seconds} s so far.`}
    </p>
  );
}

/** "Go to line": a positive whole number, which becomes the #L hash the viewer already follows. */
export function GoToLine({ onGo }: { onGo: (line: number) => void }) {
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = parseLineInput(value);
    if ("error" in r) return setError(r.error);
    setError(undefined);
    onGo(r.line);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2 text-sm" data-testid="go-to-line">
      <label htmlFor={id}>Go to line</label>
      <Input
        id={id}
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="w-32 font-mono"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <Button type="submit">Go</Button>
      {error && (
        <span id={`${id}-error`} role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </form>
  );
}

/** Why a line shown with "…" has no link: its number is only known once the lines before it are counted. */
export function UnnumberedNote({ offset, onClose }: { offset: number; onClose: () => void }) {
  return (
    <p role="status" data-testid="unnumbered-note" className="text-sm text-slate-700 dark:text-slate-300">
      The line at byte {offset.toLocaleString("en")} has no number yet, so no link: lines are counted from the start of the file, and that part is not loaded.
      Use “Go to line” to open a numbered line (its link is then in the address bar), or scroll up to the start.{" "}
      <Button size="inline" variant="ghost" onClick={onClose}>
        Dismiss
      </Button>
    </p>
  );
}

/**
 * "Go to line" and the note on unnumbered lines. The line becomes the #L hash: a line already loaded is
 * scrolled to here, any other is opened by the viewer's line links from the hash.
 */
export function useLineNav(lw: { currentRange: () => LoadedRange | undefined; jumpTo: (line?: number) => void }) {
  const [unnumbered, setUnnumbered] = useState<number>();
  const goTo = (n: number) => {
    setUnnumbered(undefined);
    setHash(formatLineHash({ from: n, to: n }));
    const cur = lw.currentRange();
    if (cur && holdsLine(cur, n)) lw.jumpTo(n);
  };
  return { unnumbered, setUnnumbered, goTo };
}

export function LineNav({ name, finding, nav }: { name: string; finding: { line: number; since: number } | undefined; nav: ReturnType<typeof useLineNav> }) {
  return (
    <>
      {finding && <FindingLine name={name} {...finding} />}
      <GoToLine onGo={nav.goTo} />
      {nav.unnumbered !== undefined && <UnnumberedNote offset={nav.unnumbered} onClose={() => nav.setUnnumbered(undefined)} />}
    </>
  );
}
