/** Times are shown in UTC: tickets are read across time zones, and Batch speaks UTC. */
export function formatTime(iso: string | number | undefined): string {
  if (iso === undefined) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function formatClock(iso: string | number): string {
  return new Date(iso).toISOString().slice(11, 19);
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatPercent(fraction: number | undefined): string {
  return fraction === undefined || !Number.isFinite(fraction) ? "—" : `${Math.round(fraction * 100)}%`;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/**
 * A long id cut in the middle, for places with no room for it whole (a button). Real node ids are 72
 * characters (docs/real-service.md) and differ at both ends; the whole id stays in the title beside it.
 */
export function shortId(id: string, max = 24): string {
  return id.length <= max ? id : `${id.slice(0, max - 9)}…${id.slice(-8)}`;
}
