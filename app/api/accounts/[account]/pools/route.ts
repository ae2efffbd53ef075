import { listPoolSummaries } from "@/lib/batch/pools";
import { withAccount } from "@/lib/batch/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools – pools with node-state counts
export async function GET(_req: Request, { params }: { params: Promise<{ account: string }> }) {
  const { account } = await params;
  return withAccount(account, listPoolSummaries);
}
