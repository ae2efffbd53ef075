"use client";

import { useQuery } from "@tanstack/react-query";
import { errorInfo } from "@/lib/queries/api-fetch";
import { remediationQueries } from "@/lib/queries/remediation";
import { identityLine } from "@/lib/display/remediation";
import { SignOutButton } from "./sign-out-button";

/**
 * Who the dashboard believes the operator is, in the page's header: what the action buttons will allow.
 * With the built-in sign-in, a Sign out button; a note from the server (why a signed-in user is only a
 * viewer) is shown beside it.
 */
export function IdentityBadge({ account }: { account: string }) {
  // A slot as wide as the local operator's line, kept from the first paint: the line comes with the
  // browser's first read, and appearing in a row aligned to the right it pushed the id search aside.
  return (
    <span className="inline-flex min-w-72 flex-wrap items-center justify-end gap-3">
      <Identity account={account} />
    </span>
  );
}

function Identity({ account }: { account: string }) {
  const q = useQuery(remediationQueries.me(account));
  const err = errorInfo(q.error);
  if (!q.data) {
    return err ? (
      <span data-testid="identity" className="text-red-800 dark:text-red-300">
        Identity unknown ({err.message}): actions are unavailable
      </span>
    ) : null;
  }
  const id = q.data.identity;
  return (
    <>
      <span data-testid="identity" data-role={id.role} data-source={id.source} className="text-slate-700 dark:text-slate-300">
        {identityLine(id)}
        {id.source !== "none" && id.role === "operator" && id.actionsRefused && (
          <span className="text-amber-800 dark:text-amber-300"> · actions refused: {id.actionsRefused}</span>
        )}
      </span>
      {id.source === "oidc" && id.note && (
        <span data-testid="identity-note" className="max-w-md text-amber-800 dark:text-amber-300">
          {id.note}
        </span>
      )}
      {id.source === "oidc" && <SignOutButton />}
    </>
  );
}
