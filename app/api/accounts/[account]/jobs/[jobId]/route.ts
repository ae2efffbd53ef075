import { getJob } from "@/lib/batch/jobs";
import { batchRoute } from "@/lib/server/http/route";
import { jobParams, noQuery } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId] – one job with task and slot counts
export const GET = batchRoute({ params: jobParams, query: noQuery }, ({ account, params }) => getJob(account, params.jobId));
