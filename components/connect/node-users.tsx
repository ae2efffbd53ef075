"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { connectQueries, sendRemoveUser } from "@/lib/queries/connect";
import { auditKeys, nodeKeys } from "@/lib/queries/keys";
import type { NodeUsersResponse } from "@/lib/schemas/connect";
import { Button } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";

type User = NodeUsersResponse["users"][number];

const status = (u: User) => (u.removed ? "removed" : u.expired ? "expired" : "active");
const NO_USERS: User[] = [];

function userColumns(account: string): TableColumn<User>[] {
  return [
    { id: "user", header: "User", sortValue: (u) => u.userName, className: "font-mono", cell: (u) => u.userName },
    {
      id: "made",
      header: "Made by",
      sortValue: (u) => u.createdAt,
      cell: (u) => (
        <>
          {u.createdBy}, <TextLink href={paths.auditRecord(account, u.recordId)}>{formatTime(u.createdAt)}</TextLink>
        </>
      ),
    },
    { id: "expires", header: "Expires", sortValue: (u) => u.expiryTime, cell: (u) => formatTime(u.expiryTime) },
    {
      id: "status",
      header: "Status",
      sortValue: status,
      cell: (u) => <span className={u.expired && !u.removed ? "font-semibold text-amber-800 dark:text-amber-300" : ""}>{status(u)}</span>,
    },
  ];
}

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
  const users = q.data?.users ?? NO_USERS;
  const columns = useMemo(() => userColumns(account), [account]);
  const table = useDataTable({ data: users, columns, rowId: (u) => u.recordId });
  const removeColumn: TableColumn<User> = {
    id: "actions",
    header: "Actions",
    headerCell: () => <span className="sr-only">Actions</span>,
    align: "right",
    cell: (u) =>
      !u.removed && (
        <Button disabled={remove.isPending} onClick={() => remove.mutate(u.userName)} aria-label={`Remove user ${u.userName}`}>
          {remove.isPending && remove.variables === u.userName ? "Removing…" : "Remove"}
        </Button>
      ),
  };
  return (
    <div className="space-y-2">
      {err && <ApiErrorBanner error={err} keptData={Boolean(q.data)} />}
      {remove.data?.outcome === "alreadyGone" && (
        <p role="status" className="text-sm">
          User <span className="font-mono">{remove.data.userName}</span> was already gone from the node (removed elsewhere, or the node was reimaged).
        </p>
      )}
      {q.data && users.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-300">No temporary users were made on this node through the dashboard.</p>
      )}
      {users.length > 0 && (
        <DataTable
          table={table}
          columns={[...columns, removeColumn]}
          testId="node-users"
          rowAttributes={(u) => ({ "data-testid": "node-user", "data-user": u.userName, "data-status": status(u) })}
        />
      )}
    </div>
  );
}
