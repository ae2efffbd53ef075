"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { connectQueries, sendRemoveUser } from "@/lib/queries/connect";
import type { NodeUsersResponse } from "@/lib/schemas/connect";
import { Button } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";

type User = NodeUsersResponse["users"][number];

const status = (u: User) => (u.removed ? "removed" : u.expired ? "expired" : "active");

/** The node's temporary users made through the dashboard, with their expiry by the service's clock and a Remove each. */
export function NodeUsers({ account, poolId, nodeId }: { account: string; poolId: string; nodeId: string }) {
  const qc = useQueryClient();
  const q = useQuery(connectQueries.users(account, poolId, nodeId));
  const remove = useMutation({
    mutationFn: (userName: string) => sendRemoveUser(account, poolId, nodeId, userName),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: connectQueries.users(account, poolId, nodeId).queryKey });
      void qc.invalidateQueries({ queryKey: ["accounts", account, "audit"] });
    },
  });
  const err = errorInfo(q.error) ?? errorInfo(remove.error);
  const users = q.data?.users ?? [];
  return (
    <div className="space-y-2">
      {err && <ApiErrorBanner error={err} keptData={Boolean(q.data)} />}
      {remove.data?.outcome === "alreadyGone" && (
        <p role="status" className="text-sm">
          User <span className="font-mono">{remove.data.userName}</span> was already gone from the node (removed elsewhere, or the node was reimaged).
        </p>
      )}
      {q.data && users.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">No temporary users were made on this node through the dashboard.</p>}
      {users.length > 0 && (
        <table className="w-full text-sm" data-testid="node-users">
          <thead>
            <tr className="text-left">
              <th scope="col" className="px-2 py-1">User</th>
              <th scope="col" className="px-2 py-1">Made by</th>
              <th scope="col" className="px-2 py-1">Expires</th>
              <th scope="col" className="px-2 py-1">Status</th>
              <th scope="col" className="px-2 py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.recordId} data-testid="node-user" data-user={u.userName} data-status={status(u)} className="border-t border-slate-200 dark:border-slate-800">
                <td className="px-2 py-1 font-mono">{u.userName}</td>
                <td className="px-2 py-1 break-all">
                  {u.createdBy}, <TextLink href={paths.auditRecord(account, u.recordId)}>{formatTime(u.createdAt)}</TextLink>
                </td>
                <td className="px-2 py-1">{formatTime(u.expiryTime)}</td>
                <td className="px-2 py-1">
                  <span className={u.expired && !u.removed ? "font-semibold text-amber-800 dark:text-amber-300" : ""}>{status(u)}</span>
                </td>
                <td className="px-2 py-1 text-right">
                  {!u.removed && (
                    <Button disabled={remove.isPending} onClick={() => remove.mutate(u.userName)} aria-label={`Remove user ${u.userName}`}>
                      {remove.isPending && remove.variables === u.userName ? "Removing…" : "Remove"}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
