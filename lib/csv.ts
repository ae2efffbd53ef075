/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field quoted when it holds a
 * comma, a quote, CR or LF, and a quote inside doubled. Cells come from Batch (ids, messages, command lines)
 * and from operators (audit reasons), so a cell a spreadsheet would read as a formula (starting with = + - @,
 * or a tab or CR that some spreadsheets skip before one) gets a leading apostrophe: it opens as text.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, guarded against formula injection and quoted when it must be. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  // A number is data, not a formula: -1 stays -1 (exit codes are negative on Windows).
  let text = typeof value === "number" ? String(value) : String(value);
  if (typeof value !== "number" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and the data rows, each row a list of cells in the header's order; CRLF after every record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Rows of objects as CSV, a column per entry of `columns`: the header and how each cell is read. */
export function objectsToCsv<T>(columns: readonly { header: string; value: (row: T) => CsvCell }[], rows: readonly T[]): string {
  return toCsv(
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c) => c.value(r))),
  );
}

/** A file name safe in Content-Disposition and on every OS: letters, digits, dot, hyphen, underscore. */
export function csvFileName(...parts: string[]): string {
  return `${parts.map((p) => p.replace(/[^A-Za-z0-9._-]+/g, "_")).join("-")}.csv`;
}
