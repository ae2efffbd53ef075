"use client";

import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { CopyButton } from "@/components/ui/copy-buttons";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { ConnectResponse } from "@/lib/schemas/connect";
import { Button } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";

/**
 * What the operator needs to sign in, right after the user is made: the exact command (or the RDP file),
 * the one-time password with a warning, when it expires, and the audit record.
 */
export function ConnectResult({ account, result, onDismiss }: { account: string; result: ConnectResponse; onDismiss: () => void }) {
  const c = result.connection;
  return (
    <div
      data-testid="connect-result"
      role="status"
      className="space-y-2 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
    >
      <p>
        User <span className="font-mono font-semibold">{result.userName}</span> created; it expires at{" "}
        <span data-testid="connect-expiry">{formatTime(result.expiryTime)}</span>.
      </p>
      {c.kind === "unavailable" ? (
        <div data-testid="connect-unavailable" className="space-y-1">
          <p>The user exists, but Batch did not say where to connect; read the node&apos;s remote login settings again later, or remove the user.</p>
          <ApiErrorBanner error={c.error} />
        </div>
      ) : c.kind === "rdp" ? (
        <p>
          <a href={c.rdpUrl} download data-testid="rdp-download" className="font-semibold text-blue-700 hover:underline dark:text-blue-300">
            Download the RDP file
          </a>{" "}
          and open it with Remote Desktop; sign in as <span className="font-mono">{result.userName}</span>.
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <code data-testid="connect-command" className="rounded bg-white px-2 py-1 font-mono break-all dark:bg-slate-900">
            {c.command}
          </code>
          <CopyButton label="Copy command" text={() => c.command} testId="copy-command" />
        </div>
      )}
      {result.password !== undefined && (
        <div className="space-y-1 rounded border border-amber-400 bg-amber-50 p-2 dark:border-amber-700 dark:bg-amber-950">
          <p className="font-semibold">Password, shown once: copy it now. It is not stored anywhere and cannot be shown again.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="connect-password" className="rounded bg-white px-2 py-1 font-mono dark:bg-slate-900">
              {result.password}
            </code>
            <CopyButton label="Copy password" text={() => result.password ?? ""} testId="copy-password" />
          </div>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <TextLink href={paths.auditRecord(account, result.recordId)} data-testid="connect-record">
          Audit record
        </TextLink>
        {result.requestId && <span className="font-mono text-xs">request-id {result.requestId}</span>}
        <Button onClick={onDismiss} className="ml-auto">
          {result.password !== undefined ? "I have copied it — hide" : "Hide"}
        </Button>
      </div>
    </div>
  );
}
