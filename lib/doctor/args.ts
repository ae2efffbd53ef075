export const DOCTOR_HELP = `npm run doctor -- [--json] [--account NAME]

Checks, without changing anything, that the dashboard can read the configured Batch account(s): the
same environment as npm start (BATCH_ACCOUNT_NAME/URL/KEY or BATCH_ACCOUNTS_FILE; Microsoft Entra ID
when there is no key; the embedded emulator when nothing is set). It makes every read the dashboard
makes, with the same filters, and reports each one, the identity used, the api-version sent and the
service clock's skew.

  --json          print one JSON document (for scripts) instead of text
  --account NAME  check only this account (its name in the dashboard's URLs)
  --help          this text

Exit status: 0 every check passed; 1 a check failed; 2 bad arguments or configuration.`;

export type DoctorArgs = { kind: "run"; json: boolean; account?: string } | { kind: "help" } | { kind: "error"; message: string };

export function parseDoctorArgs(argv: readonly string[]): DoctorArgs {
  let json = false;
  let account: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    if (arg === "--json") json = true;
    else if (arg === "--account" || arg.startsWith("--account=")) {
      const value = arg === "--account" ? argv[++i] : arg.slice("--account=".length);
      if (!value || value.startsWith("--")) return { kind: "error", message: "--account needs an account name" };
      if (account !== undefined) return { kind: "error", message: "--account is given twice" };
      account = value;
    } else return { kind: "error", message: `unknown argument ${arg} (see --help)` };
  }
  return { kind: "run", json, ...(account !== undefined ? { account } : {}) };
}
