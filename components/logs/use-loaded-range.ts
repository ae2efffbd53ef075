"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { LineRange } from "@/lib/logs/line-hash";
import { append, earlierRange, laterRange, prepend, rangeEnd, type LoadedRange } from "@/lib/logs/loaded-range";
import { followOffered, watchesSize, type FollowPolicy } from "@/lib/logs/follow";
import { readRange } from "@/lib/logs/read-range";
import { ApiError } from "@/lib/queries/api-fetch";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { followStep, openAtLines, openTail, sizeStep } from "./range-reads";

export { holdsLine } from "./range-reads";

export type LogState =
  | { kind: "loading" }
  | { kind: "error"; error: ApiErrorInfo }
  | { kind: "binary"; size: number; lastModified?: string }
  | { kind: "ready"; range: LoadedRange };

/** Where the view should go after a load: the bottom (tail, follow) or a line. */
export type Jump = { to: "bottom"; n: number } | { to: "line"; line: number; n: number };

const FOLLOW_MS = 2_000;
/** How often a file that is not followed is asked for its size, where growth would offer follow (lib/logs/follow.ts). */
const WATCH_MS = 5_000;

function infoOf(e: unknown): ApiErrorInfo {
  return e instanceof ApiError ? e.info : { kind: "network", status: 0, message: "The file could not be read." };
}

/**
 * The loaded range of one file and the reads that move it: the tail on open (or the lines a #L link names),
 * earlier and later chunks as the operator scrolls, and only the new bytes while following. `gen` counts
 * opens, so a read that finishes after the operator went elsewhere is dropped; `busy` keeps reads one at a time.
 * `follow` is the operator's wish (on when the file opens at its tail); it takes effect only where the file's
 * `policy` offers following (lib/logs/follow.ts: a running task's file, or a node's file seen to grow), and the
 * size is polled where growth would offer it.
 */
export function useLoadedRange(url: string, policy: FollowPolicy = "live") {
  const [state, setState] = useState<LogState>({ kind: "loading" });
  const [follow, setFollow] = useState(false);
  const [jump, setJump] = useState<Jump>({ to: "bottom", n: 0 });
  const [notice, setNotice] = useState<string>();
  const [grew, setGrew] = useState(false);
  // The line a #L link or "Go to line" asked for while it is being found (the server may count a big file's lines first).
  const [finding, setFinding] = useState<{ line: number; since: number }>();
  const openedSize = useRef<number | undefined>(undefined);
  const loaded = useRef<LoadedRange | undefined>(undefined);
  const offered = followOffered(policy, grew);
  const gen = useRef(0);
  const busy = useRef(false);

  const commit = useCallback((w: LoadedRange) => {
    loaded.current = w;
    openedSize.current ??= w.size;
    if (w.size > openedSize.current) setGrew(true);
    setState({ kind: "ready", range: w });
  }, []);
  const jumpTo = useCallback((line?: number) => setJump((j) => (line === undefined ? { to: "bottom", n: j.n + 1 } : { to: "line", line, n: j.n + 1 })), []);

  const open = useCallback(
    async (target?: LineRange) => {
      const my = ++gen.current;
      busy.current = true;
      setNotice(undefined);
      setFinding(target ? { line: target.from, since: Date.now() } : undefined);
      try {
        const opened = target ? await openAtLines(url, target, () => my === gen.current) : await openTail(url);
        if (!opened || my !== gen.current) return;
        if (opened.kind === "binary") return setState(opened);
        if (opened.notice) setNotice(opened.notice);
        setFollow(!target);
        jumpTo(target?.from);
        commit(opened.range);
      } catch (e) {
        if (my === gen.current) setState({ kind: "error", error: infoOf(e) });
      } finally {
        if (my === gen.current) {
          busy.current = false;
          setFinding(undefined);
        }
      }
    },
    [url, commit, jumpTo],
  );

  const { extend, moving } = useExtend({ url, loaded, gen, busy, commit, setNotice });

  useFollow({ on: follow && offered && state.kind === "ready", url, loaded, gen, busy, open, commit, jumpTo, setNotice });

  const resumeFollow = useCallback(() => {
    const w = loaded.current;
    if (!w || rangeEnd(w) < w.size) return void open();
    setFollow(true);
    jumpTo();
  }, [open, jumpTo]);

  useSizeWatch({ on: watchesSize(policy, offered) && state.kind === "ready", url, loaded, busy, commit });

  const pauseFollow = useCallback(() => setFollow(false), []);
  const currentRange = useCallback(() => loaded.current, []);

  return { state, follow: follow && offered, offered, grew, jump, finding, notice, moving, open, extend, jumpTo, resumeFollow, pauseFollow, currentRange };
}

interface FollowDeps {
  on: boolean;
  url: string;
  loaded: RefObject<LoadedRange | undefined>;
  gen: RefObject<number>;
  busy: RefObject<boolean>;
  open: () => Promise<void>;
  commit: (w: LoadedRange) => void;
  jumpTo: () => void;
  setNotice: (notice: string) => void;
}

/** Follow: poll the size; read only the bytes past the range's end, and go to the bottom when it grew. */
function useFollow({ on, url, loaded, gen, busy, open, commit, jumpTo, setNotice }: FollowDeps) {
  useEffect(() => {
    if (!on) return;
    const tick = async () => {
      const w = loaded.current;
      if (!w || busy.current) return;
      const my = gen.current;
      try {
        const step = await followStep(url, w, (reading) => (busy.current = reading));
        if (my !== gen.current || loaded.current !== w || !step) return;
        if (step === "reopen") return void open();
        commit(step.range);
        if (step.grew) jumpTo();
      } catch (e) {
        setNotice(`Follow could not read the file: ${infoOf(e).message}`);
      }
    };
    const id = setInterval(() => void tick(), FOLLOW_MS);
    return () => clearInterval(id);
  }, [on, url, loaded, gen, busy, open, commit, jumpTo, setNotice]);
}

/** Where growth would offer follow: ask the file's size now and then, and take a larger one (no content read). */
function useSizeWatch({
  on,
  url,
  loaded,
  busy,
  commit,
}: {
  on: boolean;
  url: string;
  loaded: RefObject<LoadedRange | undefined>;
  busy: RefObject<boolean>;
  commit: (w: LoadedRange) => void;
}) {
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => {
      const w = loaded.current;
      if (!w || busy.current) return;
      void sizeStep(url, w).then(
        (next) => next && loaded.current === w && commit(next),
        () => undefined,
      );
    }, WATCH_MS);
    return () => clearInterval(id);
  }, [on, url, loaded, busy, commit]);
}

/** Extends the loaded range up (earlier bytes) or down (later bytes) by one chunk, one read at a time. */
function useExtend({ url, loaded, gen, busy: busyRef, commit, setNotice }: Omit<FollowDeps, "on" | "open" | "jumpTo">) {
  const [moving, setMoving] = useState(false);
  const extend = useCallback(
    async (dir: "earlier" | "later") => {
      const w = loaded.current;
      if (!w || busyRef.current) return;
      const r = dir === "earlier" ? earlierRange(w) : laterRange(w);
      if (!r) return;
      const my = gen.current;
      busyRef.current = true;
      setMoving(true);
      try {
        const read = await readRange(url, r);
        if (my !== gen.current || loaded.current !== w) return;
        const next = dir === "earlier" ? prepend(w, read.chunk) : append(w, read.chunk, read.size);
        // Every read answers the file's modified time as well as its size: keep it as fresh as the size.
        commit(read.lastModified ? { ...next, lastModified: read.lastModified } : next);
      } catch (e) {
        setNotice(`Could not read more of the file: ${infoOf(e).message}`);
      } finally {
        if (my === gen.current) busyRef.current = false;
        setMoving(false);
      }
    },
    [url, loaded, gen, busyRef, commit, setNotice],
  );
  return { extend, moving };
}
