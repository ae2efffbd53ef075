"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { looksBinary } from "@/lib/logs/binary";
import { countLF } from "@/lib/logs/lines";
import type { LineRange } from "@/lib/logs/line-hash";
import { readProperties, readRange } from "@/lib/logs/read-range";
import { append, CHUNK_BYTES, earlierRange, laterRange, MAX_LOADED_BYTES, openLoadedRange, prepend, loadedBytes, rangeEnd, type LoadedRange } from "@/lib/logs/loaded-range";
import { ApiError } from "@/lib/queries/api-fetch";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { offsetOfLine } from "./line-index-client";

export type LogState =
  | { kind: "loading" }
  | { kind: "error"; error: ApiErrorInfo }
  | { kind: "binary"; size: number; lastModified?: string }
  | { kind: "ready"; range: LoadedRange };

/** Where the view should go after a load: the bottom (tail, follow) or a line. */
export type Jump = { to: "bottom"; n: number } | { to: "line"; line: number; n: number };

const FOLLOW_MS = 2_000;
const MAX_READ = 8 * 1024 * 1024;

function infoOf(e: unknown): ApiErrorInfo {
  return e instanceof ApiError ? e.info : { kind: "network", status: 0, message: "The file could not be read." };
}

/** Whether line `n` (1-based) is wholly inside the loaded range, so it can be shown and numbered. */
export function holdsLine(w: LoadedRange, n: number): boolean {
  if (w.lfBefore === undefined || n <= w.lfBefore) return false;
  const lf = w.chunks.reduce((k, c) => k + countLF(c.bytes), 0);
  return n <= w.lfBefore + lf || (rangeEnd(w) >= w.size && n === w.lfBefore + lf + 1);
}

/**
 * The loaded range of one file and the reads that move it: the tail on open (or the lines a #L link names),
 * earlier and later chunks as the operator scrolls, and only the new bytes while following.
 */
export function useLoadedRange(url: string) {
  const [state, setState] = useState<LogState>({ kind: "loading" });
  const [follow, setFollow] = useState(false);
  const [jump, setJump] = useState<Jump>({ to: "bottom", n: 0 });
  const [notice, setNotice] = useState<string>();
  const [moving, setMoving] = useState(false);
  const win = useRef<LoadedRange | undefined>(undefined);
  const gen = useRef(0);
  const busy = useRef(false);

  const commit = useCallback((w: LoadedRange) => {
    win.current = w;
    setState({ kind: "ready", range: w });
  }, []);

  const open = useCallback(
    async (target?: LineRange) => {
      const my = ++gen.current;
      busy.current = true;
      setNotice(undefined);
      try {
        let w: LoadedRange;
        if (target) {
          const hit = await offsetOfLine(url, target.from);
          // A loaded range hides its first piece unless it starts the file (it may be the end of a line). Starting
          // one byte early, on the LF that ends the line before, makes the indexed line the first shown;
          // that LF is then the one not counted before the loaded range (line − 2).
          const from = hit && hit.offset > 0 ? { offset: hit.offset - 1, lfBefore: hit.line - 2 } : hit ? { offset: 0, lfBefore: 0 } : { offset: 0, lfBefore: undefined };
          const first = await readRange(url, { offset: from.offset, length: CHUNK_BYTES });
          w = openLoadedRange(first.chunk, first.size, first.lastModified, from.lfBefore);
          if (looksBinary(first.chunk.bytes, { startsMidFile: first.chunk.start > 0 })) {
            if (my === gen.current) setState({ kind: "binary", size: first.size, ...(first.lastModified ? { lastModified: first.lastModified } : {}) });
            return;
          }
          // Read forward until the link's last line is in, within the memory bound.
          for (let r = laterRange(w); r && !holdsLine(w, target.to) && loadedBytes(w) + r.length <= MAX_LOADED_BYTES; r = laterRange(w)) {
            const next = await readRange(url, r);
            if (my !== gen.current) return;
            w = append(w, next.chunk, next.size);
          }
          if (!holdsLine(w, target.from)) {
            setNotice(
              rangeEnd(w) >= w.size
                ? `Line ${target.from} is past the end of the file.`
                : `Line ${target.from} lies beyond the first ${Math.round(MAX_LOADED_BYTES / 2 ** 20)} MiB. Opening deep lines of a file this large needs the server's line index.`,
            );
          }
          setFollow(false);
          setJump((j) => ({ to: "line", line: target.from, n: j.n + 1 }));
        } else {
          const tail = await readRange(url, { length: CHUNK_BYTES });
          if (my !== gen.current) return;
          if (looksBinary(tail.chunk.bytes, { startsMidFile: tail.chunk.start > 0 })) {
            setState({ kind: "binary", size: tail.size, ...(tail.lastModified ? { lastModified: tail.lastModified } : {}) });
            return;
          }
          w = openLoadedRange(tail.chunk, tail.size, tail.lastModified);
          setFollow(true);
          setJump((j) => ({ to: "bottom", n: j.n + 1 }));
        }
        if (my === gen.current) commit(w);
      } catch (e) {
        if (my === gen.current) setState({ kind: "error", error: infoOf(e) });
      } finally {
        if (my === gen.current) busy.current = false;
      }
    },
    [url, commit],
  );

  /** Extends the loaded range up (earlier bytes) or down (later bytes) by one chunk. */
  const extend = useCallback(
    async (dir: "earlier" | "later") => {
      const w = win.current;
      if (!w || busy.current) return;
      const r = dir === "earlier" ? earlierRange(w) : laterRange(w);
      if (!r) return;
      const my = gen.current;
      busy.current = true;
      setMoving(true);
      try {
        const read = await readRange(url, r);
        if (my !== gen.current || win.current !== w) return;
        commit(dir === "earlier" ? prepend(w, read.chunk) : append(w, read.chunk, read.size));
      } catch (e) {
        setNotice(`Could not read more of the file: ${infoOf(e).message}`);
      } finally {
        if (my === gen.current) busy.current = false;
        setMoving(false);
      }
    },
    [url, commit],
  );

  // Follow: poll the size; read only the bytes past the range's end.
  useEffect(() => {
    if (!follow || state.kind !== "ready") return;
    const tick = async () => {
      const w = win.current;
      if (!w || busy.current) return;
      const my = gen.current;
      try {
        const p = await readProperties(url);
        const end = rangeEnd(w);
        if (my !== gen.current || win.current !== w) return;
        if (p.size < end || p.size - end > MAX_LOADED_BYTES) {
          // Truncated, rotated, or grown by more than we hold: start again from the tail.
          void open();
          return;
        }
        if (p.size > end) {
          busy.current = true;
          const read = await readRange(url, { offset: end, length: Math.min(MAX_READ, p.size - end) });
          busy.current = false;
          if (my !== gen.current || win.current !== w) return;
          commit({ ...append(w, read.chunk, read.size), ...(p.lastModified ? { lastModified: p.lastModified } : {}) });
          setJump((j) => ({ to: "bottom", n: j.n + 1 }));
        } else if (p.lastModified && p.lastModified !== w.lastModified) commit({ ...w, lastModified: p.lastModified });
      } catch (e) {
        busy.current = false;
        setNotice(`Follow could not read the file: ${infoOf(e).message}`);
      }
    };
    const id = setInterval(() => void tick(), FOLLOW_MS);
    return () => clearInterval(id);
  }, [follow, state.kind, url, open, commit]);

  const resumeFollow = useCallback(() => {
    const w = win.current;
    if (!w || rangeEnd(w) < w.size) {
      void open();
      return;
    }
    setFollow(true);
    setJump((j) => ({ to: "bottom", n: j.n + 1 }));
  }, [open]);

  const pauseFollow = useCallback(() => setFollow(false), []);
  const currentRange = useCallback(() => win.current, []);

  return { state, follow, jump, notice, moving, open, extend, resumeFollow, pauseFollow, currentRange };
}
