import "server-only";
import { buildPoolHealth } from "@/lib/health/pool-health";
import type { PoolHealthResponse } from "@/lib/schemas/health";
import type { BatchAccount } from "./accounts";
import { listNodes } from "./nodes";
import { getPool } from "./pools";

/**
 * Pool health from the two cached reads the pool page already makes (pool detail, node list), so the panel
 * costs no Batch call of its own.
 */
export async function getPoolHealth(account: BatchAccount, poolId: string): Promise<PoolHealthResponse> {
  const [detail, nodes] = await Promise.all([getPool(account, poolId), listNodes(account, poolId)]);
  // The older of the two reads is what the panel can vouch for.
  const asOf = detail.asOf < nodes.asOf ? detail.asOf : nodes.asOf;
  return { asOf, poolId, health: buildPoolHealth(account.name, detail.pool, nodes.nodes) };
}
