import "server-only";
import { z } from "zod";
import type { ApiErrorBody, ApiErrorInfo } from "@/lib/schemas/api-error";
import { IdentityConfigError } from "@/lib/identity/config";
import { decodeParams, searchParamsObject } from "@/lib/schemas/inputs";
import { findAccount, type BatchAccount } from "./accounts";
import { httpStatusFor, toApiError } from "./errors";
import { BadCursorError } from "./tasks";

export const accountName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be 1–64 letters, digits or hyphens");

type RawParams = Record<string, string | string[] | undefined>;

export interface RouteInput<P, Q> {
  account: BatchAccount;
  params: P;
  query: Q;
  request: Request;
}

/** The body keeps Batch's own status; the HTTP status is ours (a Batch 403 on our key is not the browser's fault). */
const errorResponse = (error: ApiErrorInfo, httpStatus = error.status) => Response.json({ error } satisfies ApiErrorBody, { status: httpStatus });

const badRequest = (message: string): ApiErrorInfo => ({ kind: "badRequest", status: 400, code: "InvalidInput", message });

function describe(where: string, error: z.ZodError): string {
  return error.issues.map((i) => `${where}${i.path.length ? ` ${i.path.join(".")}` : ""} ${i.message}`).join("; ");
}

/**
 * The one shape of every read route: the account, path parameters and query are validated before any
 * Batch call (a bad value is a 400 naming it), the read runs, and any failure becomes the JSON error
 * envelope with Batch's kind, code, message and request id. No stack trace ever reaches the browser.
 */
export function batchRoute<P extends z.ZodType, Q extends z.ZodType>(
  schemas: { params: P; query: Q },
  run: (input: RouteInput<z.infer<P>, z.infer<Q>>) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<RawParams> }): Promise<Response> => {
    const raw = decodeParams(await context.params);
    const name = accountName.safeParse(raw.account);
    if (!name.success) return errorResponse(badRequest(describe("account", name.error)));
    const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== "account"));
    const params = schemas.params.safeParse(rest);
    if (!params.success) return errorResponse(badRequest(describe("path", params.error)));
    const query = schemas.query.safeParse(searchParamsObject(new URL(request.url).searchParams));
    if (!query.success) return errorResponse(badRequest(describe("query", query.error)));
    try {
      const account = await findAccount(name.data);
      if (!account) return errorResponse({ kind: "notFound", status: 404, code: "AccountNotFound", message: `No account named ${name.data} is configured.` });
      const result = await run({ account, params: params.data, query: query.data, request });
      return result instanceof Response ? result : Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      if (err instanceof BadCursorError || err instanceof RangeError) return errorResponse(badRequest(err.message));
      // Checked at start-up too; a change of environment under a running server still gets named, not a 502.
      if (err instanceof IdentityConfigError) return errorResponse({ kind: "server", status: 500, code: "ConfigurationError", message: err.message });
      // By name, so every route need not load the SQLite binding: no action runs without its audit record.
      if (err instanceof Error && (err.name === "AuditLogError" || err.name === "SqliteError")) {
        console.error(`audit log: ${err.message}`);
        return errorResponse({ kind: "server", status: 500, code: "AuditLogUnavailable", message: err.name === "AuditLogError" ? err.message : "The audit log could not be written, so the action was not (or not fully) recorded." });
      }
      const error = toApiError(err);
      if (error.kind === "network") console.error(`batch call failed: ${(err as Error)?.message ?? err}`);
      return errorResponse(error, httpStatusFor(error));
    }
  };
}

/** Route handlers that take no query. */
export const noQuery = z.object({});
