import { resolveIdentity } from "@/lib/identity/resolve";
import { snapshotStore } from "@/lib/audit/snapshots";
import { BadRequestError } from "@/lib/errors/api-error";
import { paths } from "@/lib/links/paths";
import { accountParams, noQuery, snapshotListQuery } from "@/lib/schemas/route-params";
import { snapshotCreateBody, type snapshotCreated, type snapshotListResponse } from "@/lib/schemas/snapshots";
import { describeIssues } from "@/lib/server/http/error-response";
import { readBodyText } from "@/lib/server/http/read-body";
import { batchRoute } from "@/lib/server/http/route";
import { requireSameOriginJson } from "@/lib/server/http/same-origin";
import { takeSnapshot } from "@/lib/server/snapshots/take";
import type { z } from "zod";
import { inProcessReader } from "./_read-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A note and a view path: far below this. */
const MAX_BODY_BYTES = 16 * 1024;

// POST /api/accounts/[account]/snapshots – freeze a view ({ view, note? }); anyone signed in, same-origin JSON
export const POST = batchRoute({ params: accountParams, query: noQuery }, async ({ account, request }) => {
  requireSameOriginJson(request);
  let raw: unknown;
  try {
    raw = JSON.parse((await readBodyText(request, MAX_BODY_BYTES)) || "{}");
  } catch {
    throw new BadRequestError("body is not valid JSON");
  }
  const body = snapshotCreateBody.safeParse(raw);
  if (!body.success) throw new BadRequestError(describeIssues(body.error, undefined, 5));
  const who = await resolveIdentity(request.headers, account.localOperator);
  const meta = await takeSnapshot({
    account,
    view: body.data.view,
    ...(body.data.note ? { note: body.data.note } : {}),
    author: who.actor,
    readApi: inProcessReader(request),
  });
  const created: z.infer<typeof snapshotCreated> = { id: meta.id, url: `${paths.account(account.name)}/snapshots/${meta.id}` };
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});

// GET /api/accounts/[account]/snapshots?pool=&job=&author=&cursor=&limit= – newest first, without content
export const GET = batchRoute({ params: accountParams, query: snapshotListQuery }, async ({ account, query }): Promise<z.infer<typeof snapshotListResponse>> =>
  snapshotStore().list(account.name, query),
);
