"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useQueryStates } from "nuqs";
import { useMemo, useRef } from "react";
import { useHeatmap } from "@/components/heatmap";
import { toggleRow } from "@/components/heatmap/navigation";
import { ActionBar } from "@/components/remediation/action-bar";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { NodeStateBadge } from "@/components/ui/badges";
import { Loading, Panel } from "@/components/ui/panel";
import { formatPercent } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { poolViewParams } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { nodeTableRows, type NodeSort } from "./node-rows";

const ROW = 33;
const COLUMNS: { key: NodeSort | null; label: string; right?: boolean }[] = [
  { key: null, label: "Select" },
  { key: "id", label: "Node" },
  { key: "state", label: "State" },
  { key: null, label: "Scheduling" },
  { key: "failures", label: "Failures", right: true },
  { key: "rate", label: "Failure rate", right: true },
  { key: "running", label: "Running tasks", right: true },
  { key: null, label: "Errors" },
];

/**
 * The pool's nodes with their failures in the window; sort, filter and the selection (shared with the
 * heatmap's rows, for bulk actions) live in the URL. Long pools are windowed.
 */
export function NodeTable({ account, poolId }: { account: string; poolId: string }) {
  const [{ sort, q, sel }, setView] = useQueryStates({ sort: poolViewParams.sort, q: poolViewParams.q, sel: poolViewParams.sel });
  const selected = useMemo(() => sel ?? [], [sel]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const nodes = useQuery(batchQueries.nodes(account, poolId));
  const heat = useHeatmap(account, { pool: poolId }).data;
  const rows = useMemo(() => (nodes.data ? nodeTableRows(nodes.data.nodes, heat, q, sort) : []), [nodes.data, heat, q, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Rows are rendered only when visible; see heatmap-grid.tsx for why the rule does not apply here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 10 });
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtual.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const err = errorInfo(nodes.error);
  const order = rows.map((r) => r.id);
  const toggle = (id: string) => {
    const next = toggleRow(selected, id, order);
    void setView({ sel: next.length ? next : null });
  };
  const allShown = rows.length > 0 && rows.every((r) => selectedSet.has(r.id));
  const toggleAll = () => {
    const next = allShown ? selected.filter((id) => !order.includes(id)) : [...new Set([...selected, ...order])];
    void setView({ sel: next.length ? next : null });
  };
  return (
    <Panel id="nodes" title={`Nodes${nodes.data ? ` (${rows.length}${q ? ` of ${nodes.data.nodes.length}` : ""})` : ""}`} asOf={nodes.data?.asOf} error={nodes.data ? err : undefined}>
      <label className="flex items-center gap-2 text-sm">
        <span>Filter</span>
        <input
          type="search"
          value={q ?? ""}
          onChange={(e) => void setView({ q: e.target.value || null })}
          placeholder="node id, state or error code"
          className="w-72 rounded border border-slate-300 bg-white px-2 py-0.5 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <ActionBar account={account} poolId={poolId} nodeIds={selected} testId="table-actions" />
      {!nodes.data && err && <ApiErrorBanner error={err} />}
      {!nodes.data && nodes.isPending && <Loading what="nodes" />}
      {nodes.data && (
        <div ref={scrollRef} className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
          <table className="w-full text-sm" data-testid="node-table">
            <thead className="sticky top-0 z-10 bg-slate-50 text-left dark:bg-slate-900">
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.label} scope="col" aria-sort={c.key && c.key === sort ? (c.key === "id" || c.key === "state" ? "ascending" : "descending") : undefined} className={`px-3 py-2 ${c.right ? "text-right" : ""}`}>
                    {c.label === "Select" ? (
                      <input type="checkbox" checked={allShown} onChange={toggleAll} aria-label={q ? "Select every node shown" : "Select every node"} className="size-3.5 accent-blue-700 dark:accent-blue-300" />
                    ) : c.key ? (
                      <button type="button" onClick={() => void setView({ sort: c.key })} className="font-semibold hover:underline">
                        {c.label}
                        {c.key === sort ? <span aria-hidden="true"> {c.key === "id" || c.key === "state" ? "▲" : "▼"}</span> : null}
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
              {items.map((item) => {
                const r = rows[item.index];
                if (!r) return null;
                return (
                  <tr key={r.id} className="border-t border-slate-200 dark:border-slate-800" style={{ height: ROW }}>
                    <td className="px-3">
                      <input type="checkbox" checked={selectedSet.has(r.id)} onChange={() => toggle(r.id)} aria-label={`Select node ${r.id}`} className="size-3.5 accent-blue-700 dark:accent-blue-300" />
                    </td>
                    {/* Real node ids are 72 characters (docs/real-service.md): cut on screen, whole in the text, title and link. */}
                    <th scope="row" className="px-3 text-left font-mono font-normal whitespace-nowrap">
                      <Link prefetch={false} href={paths.node(account, poolId, r.id)} title={r.id} className="block max-w-[16rem] truncate text-blue-700 hover:underline dark:text-blue-300">
                        {r.id}
                      </Link>
                    </th>
                    <td className="px-3"><NodeStateBadge state={r.state} /></td>
                    <td className="px-3">{r.schedulingState}</td>
                    <td className={`px-3 text-right tabular-nums ${r.failures > 0 ? "font-semibold" : "text-slate-500 dark:text-slate-400"}`}>{r.failures}</td>
                    <td className="px-3 text-right tabular-nums">{formatPercent(r.failureRate)}</td>
                    <td className="px-3 text-right tabular-nums">{r.runningTasks}</td>
                    <td className="px-3 font-mono text-xs">{r.errorCodes.join(", ") || "—"}</td>
                  </tr>
                );
              })}
              {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
            </tbody>
          </table>
          {rows.length === 0 && <p className="p-3 text-sm text-slate-600 dark:text-slate-300">No node matches “{q}”.</p>}
        </div>
      )}
    </Panel>
  );
}
