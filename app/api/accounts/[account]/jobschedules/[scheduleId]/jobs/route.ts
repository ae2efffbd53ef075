import { listScheduleJobs } from "@/lib/batch/job-schedules";
import { batchRoute } from "@/lib/server/http/route";
import { jobScheduleParams, noQuery } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobschedules/[scheduleId]/jobs – the jobs the schedule created, newest first
export const GET = batchRoute({ params: jobScheduleParams, query: noQuery }, ({ account, params }) => listScheduleJobs(account, params.scheduleId));
