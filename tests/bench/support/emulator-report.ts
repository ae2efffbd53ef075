// How the emulator benchmark prints its figures: MiB, milliseconds, counts, aligned tables and percentiles.

const MiB = 1 << 20;

export const mib = (bytes: number) => (bytes / MiB).toFixed(1);
export const signedMib = (bytes: number) => `${bytes >= 0 ? "+" : ""}${mib(bytes)}`;
export const ms = (n: number) => n.toFixed(n < 100 ? 1 : 0);
export const int = (n: number) => n.toLocaleString("en-US");

export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export function percentile(sorted: readonly number[], p: number): number {
  // Nearest rank: with 20 samples p95 is the 19th value, not an interpolation between the two slowest.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
