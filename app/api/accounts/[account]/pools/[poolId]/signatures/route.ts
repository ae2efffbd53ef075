import { failureSignatures } from "@/lib/batch/signatures";
import { batchRoute } from "@/lib/server/http/route";
import { windowQuery } from "@/lib/schemas/inputs";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/signatures?window=|from=&to= – the window's failed tasks grouped by failure signature
export const GET = batchRoute({ params: poolParams, query: windowQuery }, ({ account, params, query }) =>
  failureSignatures(account, { kind: "pool", poolId: params.poolId }, query),
);
