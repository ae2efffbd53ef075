"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useMemo } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { CategoryBadge } from "@/components/ui/badges";
import { Panel } from "@/components/ui/panel";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { taskIdColumns } from "./task-id-columns";
import { TextLink } from "@/components/ui/text-link";
import { WindowPicker } from "@/components/ui/window-picker";
import { formatTime } from "@/lib/format";
import { paths, withQuery } from "@/lib/links/paths";
import { windowParams, windowQuery } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import type { NodeFailuresResponse } from "@/lib/schemas/node-failures";

type Failure = NodeFailuresResponse["tasks"][number];

function failureColumns(account: string): TableColumn<Failure>[] {
  return [
    {
      id: "ended",
      header: "Ended",
      sortValue: (t) => t.endTime,
      descFirst: true,
      className: "whitespace-nowrap",
      cell: (t) => formatTime(t.endTime),
    },
    ...taskIdColumns<Failure>(account),
    { id: "category", header: "Category", sortValue: (t) => t.category, cell: (t) => <CategoryBadge category={t.category} /> },
    { id: "exit", header: "Exit code", align: "right", sortValue: (t) => t.exitCode, className: "font-mono", cell: (t) => t.exitCode ?? "—" },
  ];
}

/** The pool page with this node's heatmap row selected, over the same window. */
export function heatmapRowLink(account: string, poolId: string, nodeId: string, w: Record<string, string>): string {
  return `${withQuery(paths.pool(account, poolId), { ...w, sel: nodeId })}#heatmap-heading`;
}

/**
 * This node's failed tasks in the page's window, newest first: the pool heatmap's read kept to this node,
 * so the count is the node's heatmap row (Batch cannot list a node's tasks).
 */
export function NodeFailures({ account, poolId, nodeId, q }: { account: string; poolId: string; nodeId: string; q: UseQueryResult<NodeFailuresResponse> }) {
  const [w] = useQueryStates(windowParams);
  const columns = useMemo(() => failureColumns(account), [account]);
  const tasks = q.data?.tasks ?? [];
  const table = useDataTable({ data: tasks, columns, rowId: (t) => `${t.jobId}/${t.taskId}`, initialSort: [{ id: "ended", desc: true }] });
  const err = errorInfo(q.error);
  const d = q.data;
  return (
    <Panel
      id="node-failures"
      title={`Failed tasks on this node${d ? ` (${d.tasks.length})` : ""}`}
      asOf={d?.asOf}
      error={d ? err : undefined}
      actions={<WindowPicker />}
    >
      {!d && err && <ApiErrorBanner error={err} />}
      {q.isPending && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          Reading the pool&apos;s tasks in the window…
        </p>
      )}
      {d && (
        <p className="text-sm" data-testid="node-failures-summary">
          <span data-testid="node-failure-count">{d.tasks.length}</span> of {d.completed} tasks that completed on this node between {formatTime(d.window.from)}{" "}
          and {formatTime(d.window.to)} failed, newest first.{" "}
          <TextLink tone="plain" href={heatmapRowLink(account, poolId, nodeId, windowQuery(w))}>
            This node on the pool&apos;s heatmap
          </TextLink>
        </p>
      )}
      {d && tasks.length > 0 && (
        <DataTable table={table} columns={columns} testId="node-failures" rowAttributes={(t) => ({ "data-end-time": String(t.endTime) })} />
      )}
    </Panel>
  );
}
