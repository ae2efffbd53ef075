import { failureSignatures } from "@/lib/batch/signatures";
import { batchRoute } from "@/lib/server/http/route";
import { windowQuery } from "@/lib/schemas/inputs";
import { jobParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/signatures?window=|from=&to= – the window's failed tasks grouped by failure signature
export const GET = batchRoute({ params: jobParams, query: windowQuery }, ({ account, params, query }) =>
  failureSignatures(account, { kind: "job", jobId: params.jobId }, query),
);
