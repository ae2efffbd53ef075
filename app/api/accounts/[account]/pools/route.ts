import { listPoolSummaries } from "@/lib/batch/pools";
import { batchRoute, noQuery } from "@/lib/server/http/route";
import { z } from "zod";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools – pools with node-state counts, worst first
export const GET = batchRoute({ params: z.object({}), query: noQuery }, ({ account }) => listPoolSummaries(account));
