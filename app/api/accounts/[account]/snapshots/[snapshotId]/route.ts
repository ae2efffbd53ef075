import type { z } from "zod";
import { snapshotStore } from "@/lib/audit/snapshots";
import { noQuery, snapshotParams } from "@/lib/schemas/route-params";
import { snapshotDeleteBody, type snapshotDeleted, type snapshotResponse } from "@/lib/schemas/snapshots";
import { parseOperatorJson } from "@/lib/server/http/operator-request";
import { batchRoute } from "@/lib/server/http/route";
import { deleteSnapshot, snapshotNotFound } from "@/lib/server/snapshots/take";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/snapshots/[snapshotId] – the snapshot's meta and frozen answers (any signed-in viewer)
export const GET = batchRoute({ params: snapshotParams, query: noQuery }, async ({ account, params }): Promise<z.infer<typeof snapshotResponse>> => {
  const found = await snapshotStore().get(account.name, params.snapshotId);
  if (!found) throw snapshotNotFound(params.snapshotId);
  return found;
});

// DELETE /api/accounts/[account]/snapshots/[snapshotId] – operators only, same-origin JSON, audited (deleteSnapshot)
export const DELETE = batchRoute({ params: snapshotParams, query: noQuery }, async ({ account, params, request }): Promise<z.infer<typeof snapshotDeleted>> => {
  const { body, who } = await parseOperatorJson(request, account, snapshotDeleteBody);
  return deleteSnapshot(account, params.snapshotId, who, body.reason);
});
