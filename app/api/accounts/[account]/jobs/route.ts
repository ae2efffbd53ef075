import { listJobs } from "@/lib/batch/jobs";
import { accountParams } from "@/lib/schemas/route-params";
import { batchRoute } from "@/lib/server/http/route";
import { jobListQuery } from "@/lib/schemas/jobs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs?poolId=&state=&counts= – jobs, with task counts unless counts=false
export const GET = batchRoute({ params: accountParams, query: jobListQuery }, ({ account, query }) => listJobs(account, query));
