import { previewActions } from "@/lib/server/remediation/action-preview";
import { batchRoute } from "@/lib/server/http/route";
import { previewQuery } from "@/lib/schemas/remediation";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/actions/preview?nodes=a,b – the nodes' states, running tasks and which actions apply
export const GET = batchRoute({ params: poolParams, query: previewQuery }, ({ account, params, query }) => previewActions(account, params.poolId, query.nodes));
