"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Panel } from "@/components/ui/panel";
import { LINUX_EXPIRY_NOTE } from "@/lib/connect/expiry";
import { connectUnavailable, credentialFor } from "@/lib/connect/node-access";
import { batchQueries } from "@/lib/queries/batch";
import { auditKeys, nodeKeys } from "@/lib/queries/keys";
import { remediationQueries } from "@/lib/queries/remediation";
import type { ConnectResponse } from "@/lib/schemas/connect";
import { ConnectDialog } from "./connect-dialog";
import { ConnectResult } from "./connect-result";
import { NodeUsers } from "./node-users";
import { Button } from "@/components/ui/button";
import { useFrozen } from "@/components/snapshots/frozen";

/**
 * Signing in to the node itself, for operators only: a viewer sees nothing of it (the server refuses a
 * viewer's request anyway). The result, with a one-time password, stays until the operator hides it.
 */
type Props = { account: string; poolId: string; nodeId: string };

/** Hidden in a snapshot's frozen view: connecting sends (a user is created on the node). */
export function ConnectPanel(props: Props) {
  return useFrozen() ? null : <LiveConnectPanel {...props} />;
}

function LiveConnectPanel({ account, poolId, nodeId }: Props) {
  const qc = useQueryClient();
  const me = useQuery(remediationQueries.me(account));
  const pool = useQuery(batchQueries.pool(account, poolId));
  const preview = useQuery(remediationQueries.preview(account, poolId, [nodeId]));
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ConnectResponse | null>(null);
  if (me.data?.identity.role !== "operator" || me.data.identity.actionsRefused) return null;
  const unavailable = preview.data ? connectUnavailable(preview.data.configuration, preview.data.apiVersion) : undefined;
  const credential = pool.data && preview.data && !unavailable ? credentialFor(pool.data.pool) : undefined;

  const done = (r: ConnectResponse) => {
    setResult(r);
    setOpen(false);
    void qc.invalidateQueries({ queryKey: nodeKeys.users(account, poolId, nodeId) });
    void qc.invalidateQueries({ queryKey: auditKeys.all(account) });
  };

  return (
    <Panel
      id="connect"
      title="Connect"
      actions={
        <Button variant="primary" disabled={!credential} onClick={() => setOpen(true)}>
          Connect…
        </Button>
      }
    >
      {unavailable && (
        <p data-testid="connect-unavailable" className="text-sm text-slate-700 dark:text-slate-200">
          {unavailable}
        </p>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-300" hidden={Boolean(unavailable)}>
        {credential === "password"
          ? "Sign in with Remote Desktop as a temporary user with a generated password."
          : "Sign in with ssh as a temporary user that accepts your SSH public key."}
      </p>
      {credential === "sshKey" && (
        <p data-testid="linux-expiry-note" className="text-sm text-slate-600 dark:text-slate-300">
          {LINUX_EXPIRY_NOTE}
        </p>
      )}
      {result && <ConnectResult account={account} result={result} onDismiss={() => setResult(null)} />}
      <NodeUsers account={account} poolId={poolId} nodeId={nodeId} />
      {open && credential && (
        <ConnectDialog account={account} poolId={poolId} nodeId={nodeId} credential={credential} onClose={() => setOpen(false)} onDone={done} />
      )}
    </Panel>
  );
}
