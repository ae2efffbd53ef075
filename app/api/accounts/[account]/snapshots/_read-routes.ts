import "server-only";
import { GET as auditRecordGET } from "@/app/api/accounts/[account]/audit/[recordId]/route";
import { GET as auditGET } from "@/app/api/accounts/[account]/audit/route";
import { GET as jobFailuresGET } from "@/app/api/accounts/[account]/jobs/[jobId]/failures/route";
import { GET as jobHeatmapCellGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/cell/route";
import { GET as jobHeatmapGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/route";
import { GET as jobGET } from "@/app/api/accounts/[account]/jobs/[jobId]/route";
import { GET as jobSignaturesGET } from "@/app/api/accounts/[account]/jobs/[jobId]/signatures/route";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { GET as taskFilesGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/route";
import { GET as taskGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/route";
import { GET as tasksGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/route";
import { GET as jobScheduleGET } from "@/app/api/accounts/[account]/jobschedules/[scheduleId]/route";
import { GET as meGET } from "@/app/api/accounts/[account]/me/route";
import { GET as actionPreviewGET } from "@/app/api/accounts/[account]/pools/[poolId]/actions/preview/route";
import { GET as poolFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/failures/route";
import { GET as poolHealthGET } from "@/app/api/accounts/[account]/pools/[poolId]/health/route";
import { GET as poolHeatmapCellGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/cell/route";
import { GET as poolHeatmapGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/route";
import { GET as nodeFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/failures/route";
import { GET as nodeFileGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/[...path]/route";
import { GET as nodeFilesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/route";
import { GET as nodeGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/route";
import { GET as nodesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/route";
import { GET as poolGET } from "@/app/api/accounts/[account]/pools/[poolId]/route";
import { GET as poolSignaturesGET } from "@/app/api/accounts/[account]/pools/[poolId]/signatures/route";
import { safeDecode } from "@/lib/schemas/inputs";
import type { ReadApi } from "@/lib/server/snapshots/capture";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/**
 * The GET routes a frozen view reads (lib/snapshots/view-reads.ts), by their path under the account:
 * ":name" is a parameter, "...path" the catch-all of a file. A snapshot runs these handlers in-process, so
 * its answers are the routes' own (docs/snapshots.md); lib/server cannot import app/, so the table is here.
 */
const ROUTES: [string, Handler][] = [
  ["pools/:poolId", poolGET],
  ["pools/:poolId/health", poolHealthGET],
  ["pools/:poolId/nodes", nodesGET],
  ["pools/:poolId/failures", poolFailuresGET],
  ["pools/:poolId/heatmap", poolHeatmapGET],
  ["pools/:poolId/heatmap/cell", poolHeatmapCellGET],
  ["pools/:poolId/signatures", poolSignaturesGET],
  ["pools/:poolId/actions/preview", actionPreviewGET],
  ["pools/:poolId/nodes/:nodeId", nodeGET],
  ["pools/:poolId/nodes/:nodeId/failures", nodeFailuresGET],
  ["pools/:poolId/nodes/:nodeId/files", nodeFilesGET],
  ["pools/:poolId/nodes/:nodeId/files/...path", nodeFileGET],
  ["jobs/:jobId", jobGET],
  ["jobs/:jobId/heatmap", jobHeatmapGET],
  ["jobs/:jobId/heatmap/cell", jobHeatmapCellGET],
  ["jobs/:jobId/failures", jobFailuresGET],
  ["jobs/:jobId/signatures", jobSignaturesGET],
  ["jobs/:jobId/tasks", tasksGET],
  ["jobs/:jobId/tasks/:taskId", taskGET],
  ["jobs/:jobId/tasks/:taskId/files", taskFilesGET],
  ["jobs/:jobId/tasks/:taskId/files/...path", taskFileGET],
  ["jobschedules/:scheduleId", jobScheduleGET],
  ["me", meGET],
  ["audit", auditGET],
  ["audit/:recordId", auditRecordGET],
];

/** The handler of an API path and its params as Next.js hands them over (decoded once), or undefined. */
export function matchReadRoute(path: string): { handler: Handler; params: Record<string, string | string[]> } | undefined {
  const m = /^\/api\/accounts\/([^/?#]+)\/([^?#]*)/.exec(path);
  if (!m) return undefined;
  const segments = m[2]!.split("/");
  for (const [pattern, handler] of ROUTES) {
    const parts = pattern.split("/");
    const params: Record<string, string | string[]> = { account: safeDecode(m[1]!) };
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const p = parts[i]!;
      if (p === "...path") {
        ok = segments.length > i;
        params.path = segments.slice(i).map(safeDecode);
        break;
      }
      const s = segments[i];
      if (s === undefined || s === "") ok = false;
      else if (p.startsWith(":")) params[p.slice(1)] = safeDecode(s);
      else ok = p === s;
    }
    if (ok && (parts.at(-1) === "...path" || segments.length === parts.length)) return { handler, params };
  }
  return undefined;
}

/** Request headers that describe a body, which a GET does not have. */
const BODY_HEADERS = ["content-type", "content-length", "transfer-encoding"];

/**
 * Reads an API path as the caller would: the same origin and the caller's headers (its cookie or its
 * proxy's identity headers), so every answer is the one that caller may see. The headers are not stored.
 */
export function inProcessReader(request: Request): ReadApi {
  const origin = new URL(request.url).origin;
  const headers = new Headers(request.headers);
  for (const h of BODY_HEADERS) headers.delete(h);
  return async (path) => {
    const route = matchReadRoute(path);
    if (!route) {
      const body = JSON.stringify({ error: { kind: "notFound", status: 404, code: "NotARead", message: `${path} is not a read a view makes` } });
      return { status: 404, headers: new Headers({ "content-type": "application/json" }), bytes: new TextEncoder().encode(body) };
    }
    const res = await route.handler(new Request(origin + path, { headers, signal: request.signal }), { params: Promise.resolve(route.params) });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
}
