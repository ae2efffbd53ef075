"use client";

import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef } from "react";
import { lineIndexAtOffset, type LogLine } from "@/lib/logs/lines";
import type { LineRange } from "@/lib/logs/line-hash";
import { LogRow, type RowRange } from "./log-row";
import type { Jump } from "./use-loaded-range";

const ROW = 20;
const NO_RANGES: RowRange[] = [];

export interface TerminalProps {
  label: string;
  lines: readonly LogLine[];
  numberOf: (index: number) => number | undefined;
  indexOfNumber: (n: number) => number;
  selection: LineRange | undefined;
  ranges: ReadonlyMap<number, RowRange[]>;
  wrap: boolean;
  follow: boolean;
  jump: Jump;
  reveal: { index: number; n: number } | undefined;
  onNumber: (n: number, extend: boolean) => void;
  onUnnumbered: (offset: number) => void;
  onLeaveBottom: () => void;
  onNearTop: () => void;
  onNearBottom: () => void;
}

/**
 * The virtualised lines: only the rows on screen (and a margin) exist in the DOM, whatever the loaded range
 * holds. When chunks are added above or dropped, the first visible line is found again by its byte offset
 * and put back where it was, so loading earlier text never moves what the operator is reading.
 */
export function LogTerminal(p: TerminalProps) {
  const { lines, wrap, follow, jump, reveal } = p;
  const parent = useRef<HTMLDivElement>(null);
  // The virtualizer is a mutable instance by design; the compiler leaves this component alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: lines.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW,
    overscan: 30,
    getItemKey: (i) => lines[i]?.start ?? i,
  });
  const anchor = useRef<{ offset: number; delta: number } | undefined>(undefined);
  const lastTop = useRef(0);
  const appliedJump = useRef(-1);
  const appliedReveal = useRef(-1);

  const toIndex = (index: number, align: "start" | "center" | "end") => {
    const el = parent.current;
    if (!el || index < 0) return;
    if (!wrap) el.scrollTop = Math.max(0, index * ROW - (align === "center" ? el.clientHeight / 2 : align === "end" ? el.clientHeight - ROW : 0));
    else v.scrollToIndex(index, { align });
  };

  useLayoutEffect(() => {
    const el = parent.current;
    if (!el) return;
    if (jump.n !== appliedJump.current && lines.length > 0) {
      appliedJump.current = jump.n;
      if (jump.to === "bottom") el.scrollTop = el.scrollHeight;
      else toIndex(p.indexOfNumber(jump.line), "center");
    } else if (follow) {
      el.scrollTop = el.scrollHeight;
    } else if (anchor.current) {
      const i = lineIndexAtOffset(lines, anchor.current.offset);
      if (i >= 0) el.scrollTop = (wrap ? (v.getOffsetForIndex(i, "start")?.[0] ?? i * ROW) : i * ROW) + anchor.current.delta;
    }
    lastTop.current = el.scrollTop;
    // toIndex and p change every render; the lines, the jump and follow are what call for a move.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, jump, follow]);

  useLayoutEffect(() => {
    if (!reveal || reveal.n === appliedReveal.current) return;
    appliedReveal.current = reveal.n;
    toIndex(reveal.index, "center");
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);

  const onScroll = () => {
    const el = parent.current;
    if (!el) return;
    const top = el.scrollTop;
    const fromBottom = el.scrollHeight - top - el.clientHeight;
    if (follow && fromBottom > 8 && top < lastTop.current - 2) p.onLeaveBottom();
    lastTop.current = top;
    const first = v.getVirtualItems().find((it) => it.end > top);
    const line = first ? lines[first.index] : undefined;
    anchor.current = first && line ? { offset: line.start, delta: top - first.start } : undefined;
    if (top < 2 * el.clientHeight) p.onNearTop();
    if (fromBottom < 2 * el.clientHeight) p.onNearBottom();
  };

  return (
    <div
      ref={parent}
      onScroll={onScroll}
      tabIndex={0}
      role="log"
      aria-label={p.label}
      data-testid="log-lines"
      className="relative h-[70vh] overflow-auto rounded-md bg-slate-950 font-mono text-xs leading-5 text-slate-100"
    >
      <VirtualRows v={v} p={p} />
    </div>
  );
}

/** The rows on screen (and the overscan margin), each placed at its measured or fixed offset. */
function VirtualRows({ v, p }: { v: Virtualizer<HTMLDivElement, Element>; p: TerminalProps }) {
  const { lines, wrap } = p;
  return (
    <div style={{ height: v.getTotalSize(), position: "relative", minWidth: "100%" }}>
      {v.getVirtualItems().map((it) => {
        const line = lines[it.index];
        if (!line) return null;
        const n = p.numberOf(it.index);
        const selected = n !== undefined && p.selection !== undefined && n >= p.selection.from && n <= p.selection.to;
        return (
          <div
            key={it.key}
            data-index={it.index}
            ref={wrap ? v.measureElement : undefined}
            className={wrap ? "absolute left-0 w-full break-all whitespace-pre-wrap" : "absolute left-0 h-5 w-max min-w-full whitespace-pre"}
            style={{ transform: `translateY(${it.start}px)` }}
          >
            <LogRow
              line={line}
              number={n}
              selected={selected}
              ranges={p.ranges.get(it.index) ?? NO_RANGES}
              onNumber={p.onNumber}
              onUnnumbered={p.onUnnumbered}
            />
          </div>
        );
      })}
    </div>
  );
}
