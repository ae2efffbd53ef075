import { metricsAllowed, metricsRefused, metricsText } from "@/lib/server/observability/metrics-endpoint";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /metrics (rewritten here by next.config.js) – Prometheus text: Batch calls, caches, slots, routes, actions, snapshots, the store
export async function GET(request: Request) {
  if (!metricsAllowed(request.headers)) return metricsRefused();
  const { body, contentType } = await metricsText();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
