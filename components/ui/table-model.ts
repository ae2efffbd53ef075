"use client";

import {
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { useMemo, useState, type ReactNode } from "react";
import { compareNatural } from "@/lib/compare-natural";

/**
 * One column of a kit table. `header` is the full name (what a screen reader and the hover title say);
 * `short` is shown instead when the full name would widen the column past its data. A column sorts when it
 * has a `sortValue` (strings in natural order, numbers by value) or a `compare` (ascending; the table
 * reverses it for a descending sort).
 */
export interface TableColumn<Row> {
  id: string;
  header: string;
  short?: string;
  cell: (row: Row) => ReactNode;
  sortValue?: (row: Row) => string | number | undefined;
  compare?: (a: Row, b: Row) => number;
  /** The first click sorts descending: counts and rates, where the biggest is the news. */
  descFirst?: boolean;
  align?: "right";
  /** The row's name: rendered as a row header, so the row reads as "node tvmps_…" to assistive tech. */
  rowHeader?: boolean;
  /** Extra classes for this column's cells (widths, wrapping). */
  className?: string;
  /** Header content other than the name (a select-all checkbox, which names itself). */
  headerCell?: () => ReactNode;
}

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
});

/** Ascending order of two optional values: numbers by value, strings naturally, missing values last. */
export function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareNatural(String(a), String(b));
}

function toColumnDef<Row extends RowData>(c: TableColumn<Row>): ColumnDef<typeof features, Row> {
  const sortable = Boolean(c.compare ?? c.sortValue);
  return {
    id: c.id,
    header: c.header,
    accessorFn: (row: Row) => c.sortValue?.(row) ?? "",
    enableSorting: sortable,
    sortDescFirst: c.descFirst ?? false,
    sortUndefined: false,
    sortFn: (a, b) => (c.compare ? c.compare(a.original, b.original) : compareValues(c.sortValue?.(a.original), c.sortValue?.(b.original))),
  } as ColumnDef<typeof features, Row>;
}

export interface DataTableOptions<Row extends RowData> {
  data: readonly Row[];
  columns: readonly TableColumn<Row>[];
  rowId: (row: Row) => string;
  /** The text a row is found by; with `filter`, rows whose text does not contain it are hidden. */
  filterText?: (row: Row) => string;
  filter?: string;
  /** Sorting owned by the caller (the URL); otherwise the table keeps it, starting from `initialSort`. */
  sorting?: SortingState;
  onSortingChange?: (next: SortingState) => void;
  initialSort?: SortingState;
}

/** A headless table model (@tanstack/react-table) for the kit's DataTable: sorting and a text filter. */
export function useDataTable<Row extends RowData>({
  data,
  columns,
  rowId,
  filterText,
  filter,
  sorting,
  onSortingChange,
  initialSort = [],
}: DataTableOptions<Row>) {
  const [ownSorting, setOwnSorting] = useState<SortingState>(initialSort);
  const defs = useMemo(() => columns.map(toColumnDef), [columns]);
  const firstColumn = columns[0]?.id;
  const current = sorting ?? ownSorting;
  const table = useTable({
    features,
    columns: defs,
    data: data as Row[],
    getRowId: (row: Row) => rowId(row),
    state: { sorting: current, globalFilter: filter?.trim() ?? "" },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(current) : updater;
      if (onSortingChange) onSortingChange(next);
      else setOwnSorting(next);
    },
    enableSortingRemoval: false,
    // One pass per row, over the row's own search text rather than each column's value.
    getColumnCanGlobalFilter: (column) => column.id === firstColumn,
    globalFilterFn: (row, _columnId, value: string) => !value || (filterText?.(row.original) ?? "").toLowerCase().includes(value.toLowerCase()),
  });
  return table;
}

export type DataTableModel<Row extends RowData> = ReturnType<typeof useDataTable<Row>>;
