// No "server-only" marker: start-up code (instrumentation.ts) registers the emulator here, outside the React
// server layer; the route handlers read it from the same process.

/** The name the embedded emulator's account gets in URLs (docs/architecture.md "Start-up"). */
export const EMBEDDED_ACCOUNT = "demo";

/** What the dashboard needs of the emulator it started: where it listens and the key it signs with. */
export interface EmbeddedEmulator {
  account: string;
  url: string;
  key: string;
}

// On globalThis: start-up code and route handlers are separate module graphs of one process, and hot
// reload in development re-evaluates modules without starting the server again.
const state = globalThis as typeof globalThis & { __batchscopeEmbeddedEmulator?: EmbeddedEmulator };

/** Called once by start-up code (lib/server/startup/embedded-emulator.ts) when no account is configured. */
export function registerEmbeddedEmulator(emulator: EmbeddedEmulator): void {
  state.__batchscopeEmbeddedEmulator = { account: emulator.account, url: emulator.url, key: emulator.key };
}

/** The emulator start-up code started, if it did. */
export function embeddedEmulator(): EmbeddedEmulator | undefined {
  return state.__batchscopeEmbeddedEmulator;
}
