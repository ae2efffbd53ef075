import "server-only";
import Database from "better-sqlite3";
import { AuditLogError, createPrivately } from "./log";
import { migrate } from "./schema";

/**
 * One connection to the store's SQLite file, as every store on it opens one (docs/architecture.md "Store"):
 * the file created private (0600, folder 0700), WAL so readers never wait for the writer, a busy timeout for
 * the other connections of this process, migrated to the current schema. `durable`: the audit log's
 * connection, whose intent must be on disk before the Batch call, and whose tables reference each other.
 */
export function openStoreFile(path: string, { durable = false } = {}): Database.Database {
  if (path !== ":memory:") createPrivately(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  if (durable) {
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
  }
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

/**
 * Runs a call on the SQLite file, turning a failure of the file itself into the store's own error with
 * `message` (the driver's text goes to the server log only); any other error passes through as it is.
 */
export function sqliteGuard(message: string): <T>(run: () => T) => T {
  return (run) => {
    try {
      return run();
    } catch (err) {
      if (!(err instanceof Error) || err.name !== "SqliteError") throw err;
      throw new AuditLogError(message, err);
    }
  };
}
