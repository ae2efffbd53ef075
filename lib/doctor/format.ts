import type { AccountReport, ApiVersionUse, CheckResult, DoctorReport, Identity } from "./report";

/** Batch's messages and ids are untrusted: no control character (an ANSI escape, a carriage return) reaches the terminal. */
export const plain = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();

const STATUS_LABEL = { ok: "ok  ", failed: "FAIL", skipped: "skip" } as const;

/** The report as a person reads it in a terminal. */
export function formatText(report: DoctorReport): string {
  const lines = [`Batchscope doctor, ${report.startedAt}`];
  for (const account of report.accounts) lines.push("", ...accountLines(account));
  const checks = report.accounts.flatMap((a) => a.checks);
  const failed = checks.filter((c) => c.status === "failed").length;
  const skipped = checks.filter((c) => c.status === "skipped").length;
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  lines.push(
    "",
    failed === 0
      ? `All ${checks.length - skipped} checks passed${skipped ? ` (${skipped} skipped: nothing to read)` : ""} in ${seconds} s.`
      : `${failed} of ${checks.length} checks failed${skipped ? `, ${skipped} not run` : ""} (${seconds} s).`,
  );
  return `${lines.join("\n")}\n`;
}

function accountLines(a: AccountReport): string[] {
  const emulator = a.embedded ? "the embedded emulator, as no account is configured" : "an emulator on this machine";
  const where = a.simulated ? ` (simulated: ${emulator})` : "";
  const width = Math.min(56, Math.max(...a.checks.map((c) => c.title.length)));
  return [
    `Account ${plain(a.name)} at ${plain(a.url)}${where}`,
    `  identity     ${identityText(a.identity)}`,
    `  api-version  ${a.apiVersions.length > 0 ? a.apiVersions.map(versionText).join("; ") : "no request was sent"}`,
    `  clock        ${skewText(a.clockSkewMs)}`,
    ...notRunFolded(a.checks).flatMap((c) => ("folded" in c ? [`  skip  ${c.folded} further checks ${plain(c.detail)}`] : checkLines(c, width))),
  ];
}

/**
 * Checks left out because of an earlier failure (the same "not run: …" reason, one after another) make one
 * line: twenty copies of "not run: authentication failed" would bury the line that says why.
 */
function notRunFolded(checks: readonly CheckResult[]): (CheckResult | { folded: number; detail: string })[] {
  const out: (CheckResult | { folded: number; detail: string })[] = [];
  for (let i = 0; i < checks.length;) {
    const c = checks[i]!;
    let j = i + 1;
    if (c.status === "skipped" && c.detail?.startsWith("not run: ")) while (checks[j]?.status === "skipped" && checks[j]!.detail === c.detail) j++;
    out.push(j - i > 1 ? { folded: j - i, detail: c.detail! } : c);
    i = j;
  }
  return out;
}

export function identityText(identity: Identity): string {
  if (identity.kind === "sharedKey") return `shared key of Batch account ${plain(identity.accountName)}`;
  const p = identity.principal;
  if (!p) return `Microsoft Entra ID (DefaultAzureCredential): ${identity.note ?? "no token was used"}`;
  const parts = [
    p.upn && `user ${p.upn}`,
    p.appid && `app ${p.appid}`,
    p.oid && `object ${p.oid}`,
    p.tid && `tenant ${p.tid}`,
    p.expires && `token valid until ${p.expires}`,
  ].filter(Boolean);
  return plain(`Microsoft Entra ID (DefaultAzureCredential): ${parts.join(", ") || "a token without the usual claims"}`);
}

export function versionText(v: ApiVersionUse): string {
  const verdict =
    v.accepted === true
      ? "accepted by the account"
      : v.accepted === false
        ? "REFUSED by the account"
        : "not known whether the account accepts it (no request got that far)";
  return `${plain(v.version)} sent on ${v.requests} request${v.requests === 1 ? "" : "s"}, ${verdict}`;
}

/** The Date header counts whole seconds, so anything under two seconds is as good as in step. */
export function skewText(skewMs: number | undefined): string {
  if (skewMs === undefined) return "not known: Batch never answered";
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (Math.abs(skewMs) < 2000) return "the service's clock and this machine's agree (within 2 s)";
  return `the service's clock is ${seconds} s ${skewMs > 0 ? "ahead of" : "behind"} this machine's (the dashboard counts time windows on the service's clock)`;
}

function checkLines(c: CheckResult, width: number): string[] {
  const head = `  ${STATUS_LABEL[c.status]}  ${plain(c.title).padEnd(width)}  ${c.detail ? plain(c.detail) : ""}`.trimEnd();
  const lines = [c.status === "skipped" ? head : `${head} (${c.ms} ms)`];
  const p = c.problem;
  if (p) {
    lines.push(`        ${plain(p.summary)}`);
    const batch = [p.status > 0 ? `HTTP ${p.status}` : undefined, p.code, p.requestId ? `request id ${p.requestId}` : undefined].filter(Boolean).join(", ");
    lines.push(`        ${plain(`${batch ? `${batch}: ` : ""}${p.message}`)}`);
  }
  return lines;
}
