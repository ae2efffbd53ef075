// Start-up code as well (lib/server/startup/config-check.ts runs it outside the React server layer): no
// "server-only" marker, and nothing imported that has one.
import { existsSync } from "node:fs";
import Database from "better-sqlite3";

const DAY_MS = 86_400_000;

/**
 * Applies BATCHSCOPE_SNAPSHOT_RETENTION_DAYS to the audit file at start-up (docs/snapshots.md): snapshots
 * taken more than `days` days before `now` are deleted. 0 keeps everything; a file without snapshots (new,
 * or from before them) is left alone, since the store's migration creates the table on first use.
 */
export function pruneSnapshotsAtStartup(path: string, days: number, now = Date.now()): number {
  if (!(days > 0) || !existsSync(path)) return 0;
  const db = new Database(path);
  try {
    db.pragma("busy_timeout = 5000");
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshots'").get();
    if (!table) return 0;
    return db.prepare("DELETE FROM snapshots WHERE taken_at < ?").run(new Date(now - days * DAY_MS).toISOString()).changes;
  } finally {
    db.close();
  }
}
