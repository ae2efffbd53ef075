"use client";

import { useQueryStates } from "nuqs";
import { useCallback, useMemo, useRef, type ReactNode } from "react";
import { ActionBar } from "@/components/remediation/action-bar";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import type { Cell } from "./geometry";
import { HeatmapGrid } from "./heatmap-grid";
import { HeatmapPending } from "./heatmap-pending";
import { HeatmapLegend } from "./heatmap-legend";
import { OpenedCell } from "./opened-cell";
import { useRevealOpenedCell } from "./use-reveal-opened-cell";
import { LoadProgress } from "./load-progress";
import { loadingText, VerdictArea } from "./verdict-area";
import { keyColouring } from "./colouring";
import { failingOnly } from "./failing-only";
import { FailingToggle, MetricToggle, SelectionBar, type HeatmapMetric } from "./heatmap-controls";
import { selectRange, toggleRow } from "./navigation";
import { countSteps, type Theme } from "./scale";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { bucketRange, columnOf } from "./time-axis";
import { heatmapViewParams, useHeatmap, useWindowQuery, type HeatmapScope } from "./use-heatmap";
import { useEscapeClosesCell } from "./use-escape-closes-cell";
import { useTheme } from "./use-theme";
import { SignatureFilterChip } from "@/components/signatures/signature-filter-chip";

/** The opened cell's place in the grid, or null when none is open or it is not in this window. */
function openedCell(edges: number[] | undefined, order: readonly string[], cellNode: string | null, cellAt: Date | null): Cell | null {
  if (!edges || !cellNode || !cellAt) return null;
  const row = order.indexOf(cellNode);
  const col = columnOf(edges, cellAt.getTime());
  return row >= 0 && col >= 0 ? { row, col } : null;
}

/** Click toggles a row, shift-click selects the range from the last clicked row. */
function useRowSelection(selected: readonly string[], order: readonly string[], setSel: (sel: string[] | null) => void) {
  const anchor = useRef<string | undefined>(undefined);
  return (nodeId: string, shift: boolean) => {
    const next = shift ? selectRange(selected, anchor.current, nodeId, order) : toggleRow(selected, nodeId, order);
    anchor.current = nodeId;
    setSel(next.length ? next : null);
  };
}

/** The matrix as shown: cut to the failing rows on request, with its count steps and key colouring. */
function useShownMatrix(all: HeatmapResponse | undefined, failing: boolean, metric: HeatmapMetric, theme: Theme) {
  const data = useMemo(() => (all && failing ? failingOnly(all) : all), [all, failing]);
  const steps = useMemo(() => countSteps(theme), [theme]);
  const keyed = useMemo(() => (data ? keyColouring(data, metric, theme) : undefined), [data, metric, theme]);
  return { data, steps, keyed };
}

/** The colouring and filter controls, and the legend beside them. */
function HeatmapToolbar({ controls, legend }: { controls: ReactNode; legend: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex flex-wrap items-center gap-2">{controls}</div>
      {legend}
    </div>
  );
}

/**
 * The failure heatmap of a pool or a job: verdict, legend, the grid, the selection and the opened cell.
 * All view state is in the URL, so a pasted link shows the same.
 */
export function HeatmapPanel({ account, scope }: { account: string; scope: HeatmapScope }) {
  const [view, setView] = useQueryStates(heatmapViewParams);
  const windowQ = useWindowQuery();
  const q = useHeatmap(account, scope);
  const theme = useTheme();
  const failing = view.failing === "1";
  const { data, steps, keyed } = useShownMatrix(q.data, failing, view.metric, theme);
  const order = useMemo(() => data?.rows.map((r) => r.nodeId) ?? [], [data]);
  const selected = useMemo(() => view.sel ?? [], [view.sel]);
  const err = errorInfo(q.error);
  const opened = useMemo(() => openedCell(data?.edges, order, view.cellNode, view.cellAt), [data, order, view.cellNode, view.cellAt]);
  const poolId = "pool" in scope ? scope.pool : data?.poolId;
  const nodeHref = poolId ? (nodeId: string) => paths.node(account, poolId, nodeId) : undefined;
  const select = useRowSelection(selected, order, (sel) => void setView({ sel }));
  const [cellListRef, willOpen] = useRevealOpenedCell(view.cellNode, view.cellAt);
  const open = (cell: Cell) => {
    willOpen();
    const nodeId = order[cell.row];
    const range = data && bucketRange(data.edges, cell.col);
    // The cell's end goes in the link too: its span stays the one opened while a live window slides on.
    if (nodeId && range) void setView({ cellNode: nodeId, cellAt: new Date(range.from), cellTo: new Date(range.to) });
  };
  const close = useCallback(() => void setView({ cellNode: null, cellAt: null, cellTo: null }), [setView]);
  useEscapeClosesCell(Boolean(view.cellNode && view.cellAt), close);

  const loading = loadingText(q, data);
  return (
    // The skip link finds the heatmap by this attribute, from the first render on (the grid comes later).
    <div data-heatmap-panel="">
      <Panel id="heatmap" title="Failure heatmap" asOf={data?.asOf} error={data ? err : undefined}>
        {!data && err && <ApiErrorBanner error={err} />}
        {!data && err && loading && <LoadProgress account={account} scope={scope} query={windowQ} what={loading} />}
        {!data && !err && (
          <HeatmapPending>
            {loading && <LoadProgress account={account} scope={scope} query={windowQ} what={loading} />}
            {q.isPending && <Loading what="the heatmap" />}
          </HeatmapPending>
        )}
        {data && (
          <div className={`space-y-3 ${q.isPlaceholderData ? "opacity-70" : ""}`} data-previous-window={q.isPlaceholderData ? "" : undefined}>
            <VerdictArea account={account} scope={scope} windowQ={windowQ} data={data} previous={q.isPlaceholderData} loading={loading} />
            <HeatmapToolbar
              controls={
                <>
                  <MetricToggle metric={view.metric} onChange={(metric) => void setView({ metric })} />
                  <FailingToggle on={failing} onChange={(on) => void setView({ failing: on ? "1" : null })} />
                </>
              }
              legend={<HeatmapLegend metric={view.metric} steps={steps} data={data} keyed={keyed} theme={theme} />}
            />
            <SignatureFilterChip account={account} scope={scope} />
            <SelectionBar data={data} selected={selected} onClear={() => void setView({ sel: null })} />
            {poolId && <ActionBar account={account} poolId={poolId} nodeIds={selected} testId="heatmap-actions" />}
            {data.rows.length === 0 ? (
              <p className="text-slate-600 dark:text-slate-300">
                {failing ? "No node failed a task in this window." : "No nodes and no failed tasks in this window."}
              </p>
            ) : (
              <HeatmapGrid
                data={data}
                keyed={keyed}
                steps={steps}
                theme={theme}
                selected={selected}
                opened={opened}
                nodeHref={nodeHref}
                onSelect={select}
                onOpen={open}
                onClose={close}
              />
            )}
            <div ref={cellListRef}>
              <OpenedCell account={account} scope={scope} windowQ={windowQ} edges={data.edges} onClose={close} />
            </div>
          </div>
        )}
      </Panel>
    </div>
  );
}
