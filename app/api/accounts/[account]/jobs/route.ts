import { listJobs } from "@/lib/batch/jobs";
import { batchRoute } from "@/lib/server/http/route";
import { jobListQuery } from "@/lib/schemas/jobs";
import { z } from "zod";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs?poolId=&state=&counts= – jobs, with task counts unless counts=false
export const GET = batchRoute({ params: z.object({}), query: jobListQuery }, ({ account, query }) => listJobs(account, query));
