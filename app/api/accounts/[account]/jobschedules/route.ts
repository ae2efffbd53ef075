import { listJobSchedules } from "@/lib/batch/job-schedules";
import { accountParams, noQuery } from "@/lib/schemas/route-params";
import { batchRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobschedules – the job schedules, each with its recent job's task counts
export const GET = batchRoute({ params: accountParams, query: noQuery }, ({ account }) => listJobSchedules(account));
