import { listJobSchedules } from "@/lib/batch/job-schedules";
import { batchRoute, noQuery } from "@/lib/server/http/route";
import { z } from "zod";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobschedules – the job schedules, each with its recent job's task counts
export const GET = batchRoute({ params: z.object({}), query: noQuery }, ({ account }) => listJobSchedules(account));
