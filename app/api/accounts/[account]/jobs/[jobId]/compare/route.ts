import { compareTasks } from "@/lib/batch/compare";
import { compareQuery } from "@/lib/schemas/compare";
import { jobParams } from "@/lib/schemas/route-params";
import { batchRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/compare?failed=&succeeded= – two tasks side by side; without succeeded, one is chosen
export const GET = batchRoute({ params: jobParams, query: compareQuery }, ({ account, params, query }) =>
  compareTasks(account, params.jobId, query.failed, query.succeeded),
);
