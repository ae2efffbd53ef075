"use client";

import { useQueryStates } from "nuqs";
import { useMemo, useRef } from "react";
import { ActionBar } from "@/components/remediation/action-bar";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { CellTasks } from "./cell-tasks";
import type { Cell } from "./geometry";
import { HeatmapGrid } from "./heatmap-grid";
import { HeatmapLegend } from "./heatmap-legend";
import { LoadProgress } from "./load-progress";
import { selectRange, selectionSummary, toggleRow } from "./navigation";
import { countSteps } from "./scale";
import { bucketRange, cellRange, columnOf } from "./time-axis";
import { heatmapViewParams, useHeatmap, useWindowQuery, type HeatmapScope } from "./use-heatmap";
import { useTheme } from "./use-theme";
import { VerdictLine } from "./verdict-line";
import { Button } from "@/components/ui/button";

/**
 * The failure heatmap of a pool or a job (design.md "The failure heatmap"): verdict, legend, the grid,
 * the selection and the opened cell. All view state is in the URL, so a pasted link shows the same.
 */
export function HeatmapPanel({ account, scope }: { account: string; scope: HeatmapScope }) {
  const [view, setView] = useQueryStates(heatmapViewParams);
  const windowQ = useWindowQuery();
  const q = useHeatmap(account, scope);
  const theme = useTheme();
  const anchor = useRef<string | undefined>(undefined);
  const data = q.data;
  const steps = useMemo(() => countSteps(data?.maxCell ?? 1, theme), [data?.maxCell, theme]);
  const order = useMemo(() => data?.rows.map((r) => r.nodeId) ?? [], [data]);
  const selected = useMemo(() => view.sel ?? [], [view.sel]);
  const err = errorInfo(q.error);

  const opened: Cell | null = useMemo(() => {
    if (!data || !view.cellNode || !view.cellAt) return null;
    const row = order.indexOf(view.cellNode);
    const col = columnOf(data.edges, view.cellAt.getTime());
    return row >= 0 && col >= 0 ? { row, col } : null;
  }, [data, order, view.cellNode, view.cellAt]);

  const poolId = "pool" in scope ? scope.pool : data?.poolId;
  const nodeHref = poolId ? (nodeId: string) => paths.node(account, poolId, nodeId) : undefined;

  const select = (nodeId: string, shift: boolean) => {
    const next = shift ? selectRange(selected, anchor.current, nodeId, order) : toggleRow(selected, nodeId, order);
    anchor.current = nodeId;
    void setView({ sel: next.length ? next : null });
  };
  const open = (cell: Cell) => {
    const nodeId = order[cell.row];
    const range = data && bucketRange(data.edges, cell.col);
    if (nodeId && range) void setView({ cellNode: nodeId, cellAt: new Date(range.from) });
  };
  const close = () => void setView({ cellNode: null, cellAt: null });

  const progress = q.isFetching && (q.isPending || q.isPlaceholderData);
  return (
    <Panel id="heatmap" title="Failure heatmap" asOf={data?.asOf} error={data ? err : undefined}>
      {!data && err && <ApiErrorBanner error={err} />}
      {progress && <LoadProgress account={account} scope={scope} query={windowQ} />}
      {!data && q.isPending && <Loading what="the heatmap" />}
      {data && (
        <div className={`space-y-3 ${q.isPlaceholderData ? "opacity-70" : ""}`}>
          <VerdictLine verdict={data.verdict} />
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div role="group" aria-label="Colour the cells by" className="flex text-sm">
              {(["failures", "category"] as const).map((m) => (
                <Button
                  key={m}
                  variant={view.metric === m ? "strong" : "secondary"}
                  aria-pressed={view.metric === m}
                  onClick={() => void setView({ metric: m })}
                  className="rounded-none border border-slate-300 first:rounded-l last:rounded-r dark:border-slate-700"
                >
                  {m === "failures" ? "Failure count" : "Category"}
                </Button>
              ))}
            </div>
            <HeatmapLegend metric={view.metric} steps={steps} categories={data.categories} byCategory={data.totals.byCategory} theme={theme} />
          </div>
          <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="selection-bar">
            <span data-testid="selection-count" aria-live="polite">{selectionSummary(selected.length)}</span>
            {selected.length > 0 && (
              <Button onClick={() => void setView({ sel: null })}>Clear selection</Button>
            )}
            <span className="text-slate-600 dark:text-slate-300">
              {data.totals.failures} failed tasks on {data.totals.nodesWithFailures} of {data.rows.length} nodes · read {data.pagesRead} pages from {data.jobsRead} jobs
            </span>
          </div>
          {poolId && <ActionBar account={account} poolId={poolId} nodeIds={selected} testId="heatmap-actions" />}
          {data.rows.length === 0 ? (
            <p className="text-slate-600 dark:text-slate-300">No nodes and no failed tasks in this window.</p>
          ) : (
            <HeatmapGrid data={data} metric={view.metric} steps={steps} theme={theme} selected={selected} opened={opened} nodeHref={nodeHref} onSelect={select} onOpen={open} onClose={close} />
          )}
          {view.cellNode && view.cellAt && (
            <CellTasks account={account} scope={scope} windowQ={windowQ} nodeId={view.cellNode} range={cellRange(data.edges, view.cellAt.getTime())} onClose={close} />
          )}
        </div>
      )}
    </Panel>
  );
}
