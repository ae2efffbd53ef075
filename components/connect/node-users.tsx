"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { connectQueries, sendRemoveUser } from "@/lib/queries/connect";
import { auditKeys, nodeKeys } from "@/lib/queries/keys";
import type { NodeUsersResponse } from "@/lib/schemas/connect";

type User = NodeUsersResponse["users"][number];

const status = (u: User) => (u.removed ? "removed" : u.expired ? "expired" : "active");

/** The node's temporary users made through the dashboard, with their expiry by the service's clock and a Remove each. */
export function NodeUsers({ account, poolId, nodeId }: { account: string; poolId: string; nodeId: string }) {
  const qc = useQueryClient();
  const q = useQuery(connectQueries.users(account, poolId, nodeId));
  const remove = useMutation({
    mutationFn: (userName: string) => sendRemoveUser(account, poolId, nodeId, userName),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: nodeKeys.users(account, poolId, nodeId) });
      void qc.invalidateQueries({ queryKey: auditKeys.all(account) });
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
                  {u.createdBy}, <Link href={paths.auditRecord(account, u.recordId)} className="text-blue-700 hover:underline dark:text-blue-300">{formatTime(u.createdAt)}</Link>
                </td>
                <td className="px-2 py-1">{formatTime(u.expiryTime)}</td>
                <td className="px-2 py-1">
                  <span className={u.expired && !u.removed ? "font-semibold text-amber-800 dark:text-amber-300" : ""}>{status(u)}</span>
                </td>
                <td className="px-2 py-1 text-right">
                  {!u.removed && (
                    <button
                      type="button"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(u.userName)}
                      aria-label={`Remove user ${u.userName}`}
                      className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
                    >
                      {remove.isPending && remove.variables === u.userName ? "Removing…" : "Remove"}
                    </button>
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
