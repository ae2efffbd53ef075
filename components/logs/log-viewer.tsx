"use client";

import { useParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-buttons";
import { Loading } from "@/components/ui/panel";
import { formatBytes, formatTime } from "@/lib/format";
import type { OwnerRef } from "@/lib/links/owner";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { copiedLines } from "@/lib/logs/copy-lines";
import { formatLineHash, parseLineHash, selectLine } from "@/lib/logs/line-hash";
import { loadedLines, type LogLine } from "@/lib/logs/lines";
import { downloadUrl } from "@/lib/logs/read-range";
import { lineNumber, rangeEnd, rangeStart, type LoadedRange } from "@/lib/logs/loaded-range";
import { SavedStderr } from "@/components/tasks/saved-stderr";
import { FileGone } from "./file-gone";
import { registerLoadedLines } from "./line-index-client";
import { BinaryFile } from "./binary-file";
import { LogSearch } from "./log-search";
import { WholeFileSearch } from "./whole-file-search";
import { LogStatus } from "./log-status";
import { FindingLine, LineNav, useLineNav } from "./line-finder";
import { LogTerminal } from "./log-terminal";
import { setHash, useHash } from "./use-hash";
import { holdsLine, useLoadedRange } from "./use-loaded-range";
import { useLogSearch } from "./use-log-search";
import { useFollowPolicy, useTreeSize } from "./use-file-facts";
import { Button, buttonVariants } from "@/components/ui/button";
import { SaveSnapshotButton } from "@/components/ui/save-snapshot";

const NO_LINES: LogLine[] = [];
type FollowTask = ReturnType<typeof useFollowPolicy>["task"];
/**
 * One file, any size: tail-first, searchable, linkable by line, followable where it grows (lib/logs/follow.ts).
 * Keyed by its URL by the page. `owner` tells whose file it is: the task's state decides follow, and the
 * tree beside the viewer is told the sizes the viewer reads.
 */
export function LogViewer({ url, name, parent, owner }: { url: string; name: string; parent: { href: string; label: string }; owner?: OwnerRef }) {
  const { policy, task } = useFollowPolicy(owner);
  const lw = useLoadedRange(url, policy);
  const hash = useHash();
  const selection = parseLineHash(hash);
  const [wrap, setWrap] = useState(false);

  const w = lw.state.kind === "ready" ? lw.state.range : undefined;
  useTreeSize(owner, name, w?.size);
  const { lines, leadingPartial } = useMemo(() => (w ? loadedLines(w.chunks, rangeEnd(w) >= w.size) : { lines: NO_LINES, leadingPartial: false }), [w]);
  const skip = leadingPartial ? 1 : 0;
  const numberOf = (i: number) => (w ? lineNumber(w, i + skip) : undefined);
  const indexOfNumber = (n: number) => (w?.lfBefore === undefined ? -1 : n - w.lfBefore - 1 - skip);

  useLineLinks(url, hash, lw, w, lines, skip);
  const { search, onSearch, matcher, valid, searching, found, cur, ranges, step, reveal } = useLogSearch(lines, lw.pauseFollow);

  const copyText = () =>
    copiedLines({ lines: lines.map((l) => l.plain), firstNumber: numberOf(0), selection, name, pageUrl: location.href.replace(/#.*$/, "") });

  const nav = useLineNav(lw);

  if (lw.state.kind === "loading") return lw.finding ? <FindingLine name={name} {...lw.finding} /> : <Loading what={name} />;
  if (lw.state.kind === "error") return <ViewerGone name={name} error={lw.state.error} parent={parent} task={task} />;
  if (lw.state.kind === "binary") return <BinaryFile url={url} name={name} size={lw.state.size} lastModified={lw.state.lastModified} />;
  const win = lw.state.range;
  return (
    <section className="min-w-0 space-y-2" aria-label={`Viewer for ${name}`}>
      <LogToolbar
        name={name}
        url={url}
        win={win}
        lw={lw}
        wrap={wrap}
        onWrap={() => setWrap(!wrap)}
        copyLabel={selection ? "Copy selected lines" : "Copy loaded text"}
        copyText={copyText}
      />
      <LogSearch
        value={search}
        onChange={onSearch}
        count={found.matches.length}
        current={cur}
        capped={found.capped}
        {...(matcher && !matcher.ok ? { error: matcher.error } : {})}
        searching={searching}
        onStep={step}
      />
      <WholeFileSearch
        url={url}
        search={search}
        valid={valid}
        fromLine={selection?.from}
        onOpenLine={(n) => setHash(formatLineHash(selectLine(undefined, n, false)))}
      />
      <LogStatus w={win} lineCount={lines.length} />
      <LineNav name={name} finding={lw.finding} nav={nav} />
      <ViewerNotes notice={lw.notice} loadingMore={rangeStart(win) > 0 && lw.moving} />
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
        onUnnumbered={nav.setUnnumbered}
        onLeaveBottom={lw.pauseFollow}
        onNearTop={() => void lw.extend("earlier")}
        onNearBottom={() => void lw.extend("later")}
      />
    </section>
  );
}

/** What the viewer says of its own state above the lines: a notice from the loader, and more lines on the way. */
function ViewerNotes({ notice, loadingMore }: { notice?: string | undefined; loadingMore: boolean }) {
  return (
    <>
      {notice && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          {notice}
        </p>
      )}
      {loadingMore && <p className="text-xs text-slate-600 dark:text-slate-300">Loading more…</p>}
    </>
  );
}

/** A file that cannot be read: why, and for a task's stderr the tail saved when it failed. */
function ViewerGone({ name, error, parent, task }: { name: string; error: ApiErrorInfo; parent: { href: string; label: string }; task: FollowTask }) {
  return (
    <FileGone name={name} error={error} parent={parent}>
      {task?.nodeId && (
        <SavedStderr account={task.account} {...(task.poolId ? { poolId: task.poolId } : {})} nodeId={task.nodeId} jobId={task.jobId} taskId={task.taskId} />
      )}
    </FileGone>
  );
}

/** The file's name, size and age, and its actions: follow/pause, wrap, copy, download. */
function LogToolbar(props: {
  name: string;
  url: string;
  win: LoadedRange;
  lw: ReturnType<typeof useLoadedRange>;
  wrap: boolean;
  onWrap: () => void;
  copyLabel: string;
  copyText: () => string;
}) {
  const { name, url, win, lw, wrap, onWrap, copyLabel, copyText } = props;
  const account = useParams<{ account?: string }>().account;
  return (
    // On a wide screen one line: a long name gives way (truncated, whole in its title) rather than the
    // actions; narrower, the actions wrap as one group, never a lone button on a line of its own.
    <div className="flex flex-wrap items-center gap-2 lg:flex-nowrap">
      <h1 className="min-w-0 truncate font-mono text-lg font-semibold" title={name}>
        {name}
      </h1>
      <span className="shrink-0 text-sm whitespace-nowrap text-slate-600 dark:text-slate-400" data-testid="file-size">
        {formatBytes(win.size)}
      </span>
      <span className="shrink-0 text-sm whitespace-nowrap text-slate-600 dark:text-slate-400" data-testid="file-modified">
        modified {formatTime(win.lastModified)}
      </span>
      <span className="flex-1" />
      <div data-testid="log-actions" className="flex shrink-0 flex-wrap items-center gap-2">
        {!lw.offered ? null : lw.follow ? (
          <Button onClick={lw.pauseFollow} aria-pressed="true">
            Following · Pause
          </Button>
        ) : (
          <Button onClick={lw.resumeFollow}>Resume follow</Button>
        )}
        <Button aria-pressed={wrap} onClick={() => onWrap()}>
          Wrap
        </Button>
        <CopyButton label={copyLabel} text={copyText} testId="copy-lines" />
        {account && <SaveSnapshotButton account={decodeURIComponent(account)} withHash />}
        <a className={buttonVariants()} href={downloadUrl(url)} download>
          Download
        </a>
      </div>
    </div>
  );
}

/**
 * Line links: the hash decides where the file opens (on mount, and whenever it names a line that is not
 * loaded), and the lines already loaded answer the line-index seam for this file.
 */
function useLineLinks(url: string, hash: string, lw: ReturnType<typeof useLoadedRange>, w: LoadedRange | undefined, lines: LogLine[], skip: number) {
  const { open, currentRange } = lw;
  const openedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    const target = parseLineHash(window.location.hash);
    const key = target ? formatLineHash(target) : "";
    const cur = currentRange();
    if (openedFor.current === undefined || (target && openedFor.current !== key && !(cur && holdsLine(cur, target.from)))) {
      openedFor.current = key;
      void open(target);
    }
  }, [hash, open, currentRange]);

  useEffect(() => {
    if (w?.lfBefore === undefined) return;
    const base = w.lfBefore + 1 + skip;
    return registerLoadedLines(url, (n) => {
      const l = lines[n - base];
      return l ? { offset: l.start, line: n } : undefined;
    });
  }, [url, w, lines, skip]);
}
