// Start-up code: loaded by instrumentation.ts and scripts, outside the React server layer (no "server-only").
import { readAccountConfig } from "@/lib/batch/account-config";
import { EMBEDDED_ACCOUNT, embeddedEmulator, registerEmbeddedEmulator } from "@/lib/batch/embedded-account";
import { startEmulator } from "@/lib/emulator/server";
import { readEnv } from "@/lib/env";

/**
 * With no account configured, the dashboard serves an emulator of its own on a loopback port: started
 * here, once per process, before the first request (docs/architecture.md "Start-up"). A request never starts one.
 */
export async function startEmbeddedEmulatorIfNeeded(): Promise<void> {
  if (readAccountConfig().length > 0 || embeddedEmulator()) return;
  const env = readEnv();
  const emulator = await startEmulator({
    scenario: env.BATCHSCOPE_EMULATOR_SCENARIO,
    seed: env.BATCHSCOPE_EMULATOR_SEED,
    speed: env.BATCHSCOPE_EMULATOR_SPEED,
    account: EMBEDDED_ACCOUNT,
  });
  registerEmbeddedEmulator(emulator);
  console.log(`Batchscope: embedded emulator (scenario ${env.BATCHSCOPE_EMULATOR_SCENARIO}) at ${emulator.url}`);
}
