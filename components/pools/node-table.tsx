"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { Fragment, useMemo } from "react";
import { useHeatmap } from "@/components/heatmap";
import { toggleRow } from "@/components/heatmap/navigation";
import { ActionBar } from "@/components/remediation/action-bar";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { NodeStateBadge } from "@/components/ui/badges";
import { FilterInput } from "@/components/ui/filter-input";
import { DownloadCsvButton } from "@/components/ui/download-csv";
import { csvFileName, objectsToCsv } from "@/lib/csv";
import { Checkbox } from "@/components/ui/input";
import { Loading, Panel } from "@/components/ui/panel";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { IdCell, NODE_ID_CUT } from "@/components/ui/truncated-id";
import { formatPercent } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { NODE_SORTS, poolViewParams } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { NODE_ORDER, nodeSearchText, nodeTableRows, type NodeSort, type NodeTableRow } from "./node-rows";

const ROW = 33;

/** The node table as CSV: the columns shown, with the whole id and the rate as a fraction (what a spreadsheet computes with). */
const NODE_CSV: { header: string; value: (r: NodeTableRow) => string | number | undefined }[] = [
  { header: "Node", value: (r) => r.id },
  { header: "State", value: (r) => r.state },
  { header: "Scheduling", value: (r) => r.schedulingState },
  { header: "Failures", value: (r) => r.failures },
  { header: "Failure rate", value: (r) => r.failureRate },
  { header: "Running tasks", value: (r) => r.runningTasks },
  { header: "Errors", value: (r) => r.errorCodes.join(" ") },
];

function nodeColumns(account: string, poolId: string): TableColumn<NodeTableRow>[] {
  const sorted = (id: NodeSort) => ({ compare: NODE_ORDER[id].compare, descFirst: NODE_ORDER[id].desc });
  return [
    // Real node ids are 72 characters (docs/real-service.md): cut in the middle on screen, whole in the text, title and link.
    {
      id: "id",
      header: "Node",
      rowHeader: true,
      ...sorted("id"),
      cell: (r) => <IdCell id={r.id} what="node" href={paths.node(account, poolId, r.id)} {...NODE_ID_CUT} />,
    },
    { id: "state", header: "State", ...sorted("state"), cell: (r) => <NodeStateBadge state={r.state} /> },
    { id: "scheduling", header: "Scheduling", cell: (r) => r.schedulingState },
    {
      id: "failures",
      header: "Failures",
      align: "right",
      ...sorted("failures"),
      cell: (r) => <span className={r.failures > 0 ? "font-semibold" : "text-slate-500 dark:text-slate-400"}>{r.failures}</span>,
    },
    { id: "rate", header: "Failure rate", short: "Rate", align: "right", ...sorted("rate"), cell: (r) => formatPercent(r.failureRate) },
    { id: "running", header: "Running tasks", short: "Running", align: "right", ...sorted("running"), cell: (r) => r.runningTasks },
    { id: "errors", header: "Errors", className: "w-full font-mono text-xs", cell: (r) => <ErrorCodes codes={r.errorCodes} /> },
  ];
}

/**
 * A node's error codes, allowed to wrap between the words of a code ("AppPackage|Download|Failed") as well as
 * between codes, so the longest code does not widen the table past its card. The text stays whole.
 */
function ErrorCodes({ codes }: { codes: string[] }) {
  if (codes.length === 0) return "—";
  const text = codes.join(", ");
  return (
    <span title={text}>
      {text.split(/(?<=[a-z0-9])(?=[A-Z])/).map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

/**
 * The pool's nodes with their failures in the window; sort, filter and the selection (shared with the
 * heatmap's rows, for bulk actions) live in the URL. Long pools are windowed.
 */
export function NodeTable({ account, poolId }: { account: string; poolId: string }) {
  const [{ sort, dir, q, sel }, setView] = useQueryStates({ sort: poolViewParams.sort, dir: poolViewParams.dir, q: poolViewParams.q, sel: poolViewParams.sel });
  const selected = useMemo(() => sel ?? [], [sel]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const nodes = useQuery(batchQueries.nodes(account, poolId));
  const heat = useHeatmap(account, { pool: poolId }).data;
  const columns = useMemo(() => nodeColumns(account, poolId), [account, poolId]);
  const data = useMemo(() => (nodes.data ? nodeTableRows(nodes.data.nodes, heat) : []), [nodes.data, heat]);
  const table = useDataTable({
    data,
    columns,
    rowId: (r) => r.id,
    filterText: nodeSearchText,
    filter: q ?? "",
    sorting: [{ id: sort, desc: dir ? dir === "desc" : NODE_ORDER[sort].desc }],
    // A second click on the sorted header reverses it; the URL names the direction only when it is not the sort's first one.
    onSortingChange: (next) => {
      const first = next[0];
      if (!first || !(NODE_SORTS as readonly string[]).includes(first.id)) return;
      const id = first.id as NodeSort;
      void setView({ sort: id, dir: first.desc === NODE_ORDER[id].desc ? null : first.desc ? "desc" : "asc" });
    },
  });
  const rows = table.getRowModel().rows;
  const order = rows.map((r) => r.original.id);
  const err = errorInfo(nodes.error);
  const toggle = (id: string) => {
    const next = toggleRow(selected, id, order);
    void setView({ sel: next.length ? next : null });
  };
  const allShown = rows.length > 0 && order.every((id) => selectedSet.has(id));
  const toggleAll = () => {
    const next = allShown ? selected.filter((id) => !order.includes(id)) : [...new Set([...selected, ...order])];
    void setView({ sel: next.length ? next : null });
  };
  const selectAll: TableColumn<NodeTableRow> = {
    id: "select",
    header: "Select",
    headerCell: () => <Checkbox checked={allShown} onChange={toggleAll} aria-label={q ? "Select every node shown" : "Select every node"} />,
    cell: (r) => <Checkbox checked={selectedSet.has(r.id)} onChange={() => toggle(r.id)} aria-label={`Select node ${r.id}`} />,
  };
  return (
    <Panel
      id="nodes"
      title={`Nodes${nodes.data ? ` (${rows.length}${q ? ` of ${nodes.data.nodes.length}` : ""})` : ""}`}
      asOf={nodes.data?.asOf}
      error={nodes.data ? err : undefined}
      actions={
        nodes.data && (
          <DownloadCsvButton
            fileName={csvFileName("nodes", poolId)}
            csv={() =>
              objectsToCsv(
                NODE_CSV,
                rows.map((r) => r.original),
              )
            }
          />
        )
      }
    >
      <FilterInput value={q ?? ""} onChange={(v) => void setView({ q: v || null })} placeholder="node id, state or error code" />
      {/* The same bar as under the heatmap, on purpose: the two panels are a screen apart, and each bar sits by the selection made there. */}
      <ActionBar account={account} poolId={poolId} nodeIds={selected} testId="table-actions" compact />
      {!nodes.data && err && <ApiErrorBanner error={err} />}
      {!nodes.data && nodes.isPending && <Loading what="nodes" />}
      {nodes.data && <DataTable table={table} columns={[selectAll, ...columns]} testId="node-table" virtualRowHeight={ROW} empty={`No node matches “${q}”.`} />}
    </Panel>
  );
}
