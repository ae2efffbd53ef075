import { searchIds } from "@/lib/batch/search";
import { accountParams } from "@/lib/schemas/route-params";
import { searchQuery } from "@/lib/schemas/search";
import { batchRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/search?q= – pools, jobs, nodes and tasks whose id holds q (tasks: recent jobs, bounded)
export const GET = batchRoute({ params: accountParams, query: searchQuery }, ({ account, query }) => searchIds(account, query.q));
