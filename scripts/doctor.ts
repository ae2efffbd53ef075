// `npm run doctor`: a read-only check of the configured Batch account(s). Run with the react-server
// condition (package.json), since lib/batch is marked server-only.
import { DOCTOR_HELP, parseDoctorArgs } from "@/lib/doctor/args";

/** Writes, then exits: the embedded emulator and pending timers would otherwise keep the process up. */
function finish(text: string, code: number, stream: NodeJS.WriteStream = process.stdout): void {
  stream.write(text.endsWith("\n") ? text : `${text}\n`, () => process.exit(code));
}

async function main(): Promise<void> {
  const args = parseDoctorArgs(process.argv.slice(2));
  if (args.kind === "help") return finish(DOCTOR_HELP, 0);
  if (args.kind === "error") return finish(`doctor: ${args.message}\n\n${DOCTOR_HELP}`, 2, process.stderr);
  // Loaded only now: --help and a typo answer at once, without loading the SDK and the emulator.
  const [{ AccountConfigError }, { runDoctor, UnknownAccountError }, { formatText }, { exitCodeOf }] = await Promise.all([
    import("@/lib/batch/account-config"),
    import("@/lib/doctor/doctor"),
    import("@/lib/doctor/format"),
    import("@/lib/doctor/report"),
  ]);
  try {
    const report = await runDoctor(args.account ? { account: args.account } : {});
    finish(args.json ? JSON.stringify(report, null, 2) : formatText(report), exitCodeOf(report));
  } catch (e) {
    if (e instanceof AccountConfigError || e instanceof UnknownAccountError) return finish(`doctor: ${e.message}`, 2, process.stderr);
    throw e;
  }
}

void main();
