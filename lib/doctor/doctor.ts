import "server-only";
import { readAccountConfig } from "@/lib/batch/account-config";
import { listAccounts } from "@/lib/batch/accounts";
import { startEmbeddedEmulatorIfNeeded } from "@/lib/server/startup/embedded-emulator";
import type { DoctorReport } from "./report";
import { checkAccount } from "./run-account";
import { WireLog } from "./wire";

/** Every account is checked within this, so an unreachable one answers in under a minute. */
const DOCTOR_BUDGET_MS = 45_000;

export class UnknownAccountError extends Error {}

/**
 * Checks the accounts `npm start` would serve (the embedded emulator when none is configured), at the
 * same time, and reports on each. Throws AccountConfigError for a configuration the server would refuse.
 */
export async function runDoctor(options: { account?: string } = {}): Promise<DoctorReport> {
  const started = Date.now();
  const embedded = readAccountConfig().length === 0;
  // A script is start-up code: with no account configured it starts the embedded emulator, as the server does.
  if (embedded) await startEmbeddedEmulatorIfNeeded();
  const accounts = await listAccounts();
  const selected = options.account ? accounts.filter((a) => a.name.toLowerCase() === options.account!.toLowerCase()) : accounts;
  if (selected.length === 0) {
    throw new UnknownAccountError(`No account named ${options.account} is configured; the accounts are: ${accounts.map((a) => a.name).join(", ")}.`);
  }
  const wire = new WireLog();
  wire.start();
  try {
    const deadline = started + DOCTOR_BUDGET_MS;
    const reports = await Promise.all(selected.map((a) => checkAccount(a, wire, { embedded, deadline })));
    return { startedAt: new Date(started).toISOString(), elapsedMs: Date.now() - started, ok: reports.every((r) => r.ok), accounts: reports };
  } finally {
    wire.stop();
  }
}
