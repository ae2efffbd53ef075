// No "server-only" marker: server.ts (plain Node) writes the request lines with it. The browser never
// imports it (ESLint).
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { readEnv } from "@/lib/env";
import { redactSecrets } from "@/lib/redact";

/**
 * Anything that could carry a credential, should it ever reach a log call: headers (Authorization,
 * cookies, the App Service principal), and secret-named fields at any depth pino's paths reach.
 */
const REDACT_PATHS = [
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  'headers["x-ms-client-principal"]',
  "req.headers.authorization",
  "req.headers.cookie",
  "key",
  "*.key",
  "accountKey",
  "*.accountKey",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "sig",
  "*.sig",
];

function createLogger(): Logger {
  const options = {
    level: readEnv().BATCHSCOPE_LOG_LEVEL,
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // A person at a terminal reads lines; a platform collecting stdout gets one JSON object a line. Pretty
  // printing runs in-process (not a pino transport), so it needs no worker thread and survives bundling.
  return process.stdout.isTTY ? pino(options, pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", sync: true })) : pino(options);
}

// On globalThis: server.ts and the route bundles write through one logger, one stream.
const shared = globalThis as typeof globalThis & { __batchscopeLogger?: Logger };

export function logger(): Logger {
  return (shared.__batchscopeLogger ??= createLogger());
}

/** A message that may quote Batch's text (an error from the service): its secrets redacted by the same rules as the pages. */
export function logError(message: string, fields: Record<string, unknown> = {}): void {
  logger().error(fields, redactSecrets(message));
}
