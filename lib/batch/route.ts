import "server-only";
import { z } from "zod";
import type { ApiErrorBody } from "@/lib/schemas/api-error";
import { findAccount, type BatchAccount } from "./accounts";
import { httpStatusFor, toApiError } from "./errors";

export const accountName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "An account name has letters, digits and hyphens, at most 64 characters.");

const errorResponse = (status: number, error: ApiErrorBody["error"]) => Response.json({ error } satisfies ApiErrorBody, { status });

/**
 * The one wrapper every route handler uses: validate the account, run the read, and turn any failure into
 * the JSON error envelope with its status. Nothing else reaches the browser (no stack traces).
 */
export async function withAccount(raw: string, read: (account: BatchAccount) => Promise<unknown>): Promise<Response> {
  const name = accountName.safeParse(raw);
  if (!name.success) return errorResponse(400, { kind: "badRequest", status: 400, code: "InvalidAccountName", message: name.error.issues[0]!.message });
  try {
    const account = await findAccount(name.data);
    if (!account) return errorResponse(404, { kind: "notFound", status: 404, code: "AccountNotFound", message: `No account named ${name.data} is configured.` });
    return Response.json(await read(account), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    const error = toApiError(err);
    if (error.kind === "network" && !(err as { code?: string })?.code) console.error("batch call failed", err);
    return errorResponse(httpStatusFor(error), error);
  }
}
