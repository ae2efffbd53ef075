import { serviceHealth } from "@/lib/server/observability/health";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/health – 200 when the configuration is loaded and the store answers, 503 naming what does not; Batch reported, never failing it
export async function GET(request: Request) {
  const health = await serviceHealth(request.headers);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
