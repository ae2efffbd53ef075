import { getJobSchedule } from "@/lib/batch/job-schedules";
import { batchRoute } from "@/lib/server/http/route";
import { jobScheduleParams, noQuery } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobschedules/[scheduleId] – one job schedule: timing, job template, recent job
export const GET = batchRoute({ params: jobScheduleParams, query: noQuery }, ({ account, params }) => getJobSchedule(account, params.scheduleId));
