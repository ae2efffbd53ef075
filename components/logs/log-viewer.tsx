"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-buttons";
import { Loading } from "@/components/ui/panel";
import { formatBytes, formatTime } from "@/lib/format";
import { formatLineHash, parseLineHash, selectLine } from "@/lib/logs/line-hash";
import { windowLines, type LogLine } from "@/lib/logs/lines";
import { downloadUrl } from "@/lib/logs/read-range";
import { buildMatcher, findMatches } from "@/lib/logs/search";
import { lineNumber, windowEnd, windowStart } from "@/lib/logs/window";
import { FileGone } from "./file-gone";
import { registerLoadedLines } from "./line-index-client";
import type { RowRange } from "./log-row";
import { LogSearch, type SearchState } from "./log-search";
import { WholeFileSearch } from "./whole-file-search";
import { LogStatus } from "./log-status";
import { LogTerminal } from "./log-terminal";
import { setHash, useHash } from "./use-hash";
import { holdsLine, useLogWindow } from "./use-log-window";
import { Button, buttonVariants } from "@/components/ui/button";

const NO_LINES: LogLine[] = [];
/** One file, any size: tail-first, followable, searchable, linkable by line. Keyed by its URL by the page. */
export function LogViewer({ url, name, parent }: { url: string; name: string; parent: { href: string; label: string } }) {
  const lw = useLogWindow(url);
  const { open, currentWindow } = lw;
  const hash = useHash();
  const selection = parseLineHash(hash);
  const [wrap, setWrap] = useState(false);
  const [search, setSearch] = useState<SearchState>({ query: "", caseSensitive: false, regex: false });
  // The current match is kept by where it is in the file, so it stays put when chunks load above it.
  const [current, setCurrent] = useState<{ start: number; from: number }>();
  const [reveal, setReveal] = useState<{ index: number; n: number }>();
  const openedFor = useRef<string | undefined>(undefined);

  const w = lw.state.kind === "ready" ? lw.state.window : undefined;
  const { lines, leadingPartial } = useMemo(() => (w ? windowLines(w.chunks, windowEnd(w) >= w.size) : { lines: NO_LINES, leadingPartial: false }), [w]);
  const skip = leadingPartial ? 1 : 0;
  const numberOf = (i: number) => (w ? lineNumber(w, i + skip) : undefined);
  const indexOfNumber = (n: number) => (w?.lfBefore === undefined ? -1 : n - w.lfBefore - 1 - skip);

  // The hash decides where the file opens: on mount, and whenever it names a line that is not loaded.
  useEffect(() => {
    const target = parseLineHash(window.location.hash);
    const key = target ? formatLineHash(target) : "";
    const cur = currentWindow();
    if (openedFor.current === undefined || (target && openedFor.current !== key && !(cur && holdsLine(cur, target.from)))) {
      openedFor.current = key;
      void open(target);
    }
  }, [hash, open, currentWindow]);

  // Lines already loaded answer the line-index seam for this file.
  useEffect(() => {
    if (w?.lfBefore === undefined) return;
    const base = w.lfBefore + 1 + skip;
    return registerLoadedLines(url, (n) => {
      const l = lines[n - base];
      return l ? { offset: l.start, line: n } : undefined;
    });
  }, [url, w, lines, skip]);

  const matcher = useMemo(() => buildMatcher(search.query, search), [search]);
  const found = useMemo(() => (matcher?.ok ? findMatches(lines, matcher.re) : { matches: [], capped: false }), [matcher, lines]);
  const cur = found.matches.length ? Math.max(0, current ? found.matches.findIndex((m) => lines[m.line]?.start === current.start && m.from === current.from) : 0) : -1;
  const ranges = useMemo(() => {
    const m = new Map<number, RowRange[]>();
    found.matches.forEach((x, i) => {
      const list = m.get(x.line) ?? [];
      list.push({ from: x.from, to: x.to, current: i === cur });
      m.set(x.line, list);
    });
    return m;
  }, [found, cur]);

  const step = (dir: 1 | -1) => {
    const n = found.matches.length;
    if (!n) return;
    const next = (cur + dir + n) % n;
    const m = found.matches[next]!;
    setCurrent({ start: lines[m.line]!.start, from: m.from });
    lw.pauseFollow();
    setReveal((r) => ({ index: m.line, n: (r?.n ?? 0) + 1 }));
  };

  const onSearch = (s: SearchState) => {
    setSearch(s);
    setCurrent(undefined);
  };

  const copyText = () => {
    if (selection) {
      const a = indexOfNumber(selection.from);
      const b = indexOfNumber(selection.to);
      if (a >= 0 && b < lines.length) return lines.slice(a, b + 1).map((l) => l.plain).join("\n");
    }
    return lines.map((l) => l.plain).join("\n");
  };

  if (lw.state.kind === "loading") return <Loading what={name} />;
  if (lw.state.kind === "error") return <FileGone name={name} error={lw.state.error} parent={parent} />;
  if (lw.state.kind === "binary")
    return (
      <section data-testid="binary-file" className="space-y-2 rounded-lg border border-slate-300 p-6 dark:border-slate-700">
        <h2 className="text-lg font-semibold">
          <span className="font-mono">{name}</span> looks like a binary file
        </h2>
        <p>
          Its bytes are not text (NUL bytes or invalid UTF-8), so they are not shown. Size {formatBytes(lw.state.size)}
          {lw.state.lastModified ? `, last modified ${formatTime(lw.state.lastModified)}` : ""}.
        </p>
        <a className="inline-block text-blue-700 underline dark:text-blue-300" href={downloadUrl(url)} download>
          Download {name}
        </a>
      </section>
    );
  const win = lw.state.window;
  return (
    <section className="min-w-0 space-y-2" aria-label={`Viewer for ${name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="font-mono text-lg font-semibold">{name}</h1>
        <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="file-size">
          {formatBytes(win.size)}
        </span>
        <span className="text-sm text-slate-600 dark:text-slate-400">modified {formatTime(win.lastModified)}</span>
        <span className="flex-1" />
        {lw.follow ? (
          <Button onClick={lw.pauseFollow} aria-pressed="true">
            Following · Pause
          </Button>
        ) : (
          <Button onClick={lw.resumeFollow}>Resume follow</Button>
        )}
        <Button aria-pressed={wrap} onClick={() => setWrap(!wrap)}>
          Wrap
        </Button>
        <CopyButton label={selection ? "Copy selected lines" : "Copy loaded text"} text={copyText} testId="copy-lines" />
        <a className={buttonVariants()} href={downloadUrl(url)} download>
          Download
        </a>
      </div>
      <LogSearch value={search} onChange={onSearch} count={found.matches.length} current={cur} capped={found.capped} {...(matcher && !matcher.ok ? { error: matcher.error } : {})} onStep={step} />
      <WholeFileSearch url={url} search={search} valid={!matcher || matcher.ok} onOpenLine={(n) => setHash(formatLineHash(selectLine(undefined, n, false)))} />
      <LogStatus w={win} lineCount={lines.length} />
      {lw.notice && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          {lw.notice}
        </p>
      )}
      {windowStart(win) > 0 && lw.moving && <p className="text-xs text-slate-500">Loading more…</p>}
      <LogTerminal
        label={`Contents of ${name}`}
        lines={lines}
        numberOf={numberOf}
        indexOfNumber={indexOfNumber}
        selection={selection}
        ranges={ranges}
        wrap={wrap}
        follow={lw.follow}
        jump={lw.jump}
        reveal={reveal}
        onNumber={(n, extend) => setHash(formatLineHash(selectLine(selection, n, extend)))}
        onLeaveBottom={lw.pauseFollow}
        onNearTop={() => void lw.extend("earlier")}
        onNearBottom={() => void lw.extend("later")}
      />
    </section>
  );
}
