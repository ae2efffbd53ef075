import { listAccounts } from "@/lib/batch/accounts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts – the configured accounts (names only; URLs and credentials stay here)
export async function GET() {
  const accounts = await listAccounts();
  return Response.json({ accounts: accounts.map((a) => ({ name: a.name, isEmulator: a.isEmulator })) });
}
