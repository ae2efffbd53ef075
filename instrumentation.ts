// Runs once when the server starts, before it takes requests: a mistake in the configuration stops it
// with a message that names the variable, and with no account configured the embedded emulator is
// started here (never by a request; docs/architecture.md "Start-up").
export async function register() {
  // The one read of process.env outside lib/env.ts: the edge bundle of this file must not load lib/env (node:path).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigAtStartup } = await import("./lib/server/startup/config-check");
  checkConfigAtStartup();
  const { startEmbeddedEmulatorIfNeeded } = await import("./lib/server/startup/embedded-emulator");
  await startEmbeddedEmulatorIfNeeded();
}
