"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, type HTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn";
import type { DataTableModel, TableColumn } from "./table-model";
import { Button } from "./button";
import { SortIcon } from "./icons";

export { useDataTable, compareValues, type TableColumn } from "./table-model";

type ModelColumn<Row extends object> = NonNullable<ReturnType<DataTableModel<Row>["getColumn"]>>;

/**
 * The kit's table. Layout rules, so that nothing clips at 1280 px: headers never wrap and never clip (a
 * long name gets a `short` form with the full name as its title and for screen readers); cells wrap only
 * between words; ids are cut in the middle by TruncatedId/IdCell rather than by the column. The frame
 * scrolls vertically when `virtualRowHeight` is set (long node lists render only what is visible).
 * `columns` are those shown, in order: the model's (sortable) ones plus any display-only ones.
 */
export function DataTable<Row extends object>({
  table,
  columns,
  testId,
  rowAttributes,
  virtualRowHeight,
  empty,
  busy,
  className,
}: {
  table: DataTableModel<Row>;
  columns: readonly TableColumn<Row>[];
  testId?: string;
  rowAttributes?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
  virtualRowHeight?: number;
  empty?: ReactNode;
  busy?: boolean;
  className?: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  // Rows are rendered only when visible; the virtualizer's own state is not React state, hence the rule.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: virtualRowHeight ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => virtualRowHeight ?? 0,
    overscan: 10,
  });
  const items = virtualRowHeight ? virtual.getVirtualItems() : rows.map((_, index) => ({ index, start: 0, end: 0 }));
  const padTop = virtualRowHeight ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtualRowHeight ? virtual.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  return (
    <div
      ref={scrollRef}
      data-table-frame=""
      className={cn("overflow-auto rounded-md border border-slate-200 dark:border-slate-800", virtualRowHeight && "max-h-[32rem]", className)}
    >
      <table className={cn("w-full text-sm", busy && "opacity-60")} aria-busy={busy} data-testid={testId}>
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-slate-700 dark:bg-slate-900 dark:text-slate-200">
          <tr>
            {columns.map((c) => (
              <HeaderCell key={c.id} model={table.getColumn(c.id)} column={c} />
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                className="group border-t border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900/60"
                style={virtualRowHeight ? { height: virtualRowHeight } : undefined}
                {...rowAttributes?.(row.original)}
              >
                {columns.map((c) => (
                  <BodyCell key={c.id} column={c} row={row.original} />
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
      {rows.length === 0 && empty && <p className="p-3 text-sm text-slate-600 dark:text-slate-300">{empty}</p>}
    </div>
  );
}

/** A column the model does not know (a selection checkbox) is display-only: it neither sorts nor filters. */
function HeaderCell<Row extends object>({ model, column: c }: { model: ModelColumn<Row> | undefined; column: TableColumn<Row> }) {
  const sorted = model?.getIsSorted() ?? false;
  const label = c.short ? (
    <>
      <span aria-hidden="true">{c.short}</span>
      <span className="sr-only">{c.header}</span>
    </>
  ) : (
    c.header
  );
  return (
    <th
      scope="col"
      title={c.short ? c.header : undefined}
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
      className={cn("px-2 py-2 font-semibold whitespace-nowrap", c.align === "right" && "text-right")}
    >
      {c.headerCell ? (
        c.headerCell()
      ) : model?.getCanSort() ? (
        <Button variant="ghost" size="inline" onClick={model.getToggleSortingHandler()} className="font-semibold">
          {label}
          {sorted && <SortIcon dir={sorted} className="ml-1 text-xs" />}
        </Button>
      ) : (
        label
      )}
    </th>
  );
}

function BodyCell<Row>({ column: c, row }: { column: TableColumn<Row>; row: Row }) {
  const classes = cn("px-2 py-1 align-top break-normal [overflow-wrap:normal]", c.align === "right" && "text-right tabular-nums", c.className);
  return c.rowHeader ? (
    <th scope="row" className={cn(classes, "text-left font-normal")}>
      {c.cell(row)}
    </th>
  ) : (
    <td className={classes}>{c.cell(row)}</td>
  );
}
