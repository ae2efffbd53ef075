import "server-only";
import type { z } from "zod";
import { resolveIdentity } from "@/lib/identity/resolve";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { IdentityView } from "@/lib/schemas/identity";
import { refuseUnlessSameOriginJson } from "./action-guard";
import type { BatchAccount } from "./accounts";

/** Far above any dialog's submission (1000 node ids and a reason, or an SSH key); anything larger is not one. */
const MAX_BODY_CHARS = 256 * 1024;

export type CheckedOperatorRequest<T> = { ok: true; body: T; who: IdentityView } | { ok: false; response: Response };

export const refuseWith = (error: ApiErrorInfo, httpStatus = error.status): { ok: false; response: Response } => ({
  ok: false,
  response: Response.json({ error }, { status: httpStatus }),
});
export const badInput = (message: string) => refuseWith({ kind: "badRequest", status: 400, code: "InvalidInput", message });

/** The operator role, whatever the page showed: a viewer's hand-made request is refused here. */
export function refuseUnlessOperator(request: Request, account: BatchAccount): { ok: true; who: IdentityView } | { ok: false; response: Response } {
  const who = resolveIdentity(request.headers, account.isEmulator);
  if (who.role !== "operator") return refuseWith({ kind: "auth", status: 403, code: "NotAnOperator", message: who.actionsRefused ?? `${who.actor} may not act on nodes.` });
  return { ok: true, who };
}

/**
 * What every request that changes something on Batch passes before any Batch call, in the order that
 * tells the caller the most: same-origin JSON (403/415), the operator role (403), then the body against
 * its schema (400 naming each field). Zod's messages never repeat the value, so a pasted key or secret
 * cannot come back in an error.
 */
export async function checkOperatorJson<S extends z.ZodType>(request: Request, account: BatchAccount, schema: S): Promise<CheckedOperatorRequest<z.infer<S>>> {
  const refusal = refuseUnlessSameOriginJson(request);
  if (refusal) return refuseWith(refusal.error, refusal.httpStatus);
  const operator = refuseUnlessOperator(request, account);
  if (!operator.ok) return operator;
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) return badInput(`body is larger than ${MAX_BODY_CHARS / 1024} KiB`);
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return badInput("body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return badInput(describeIssues(parsed.error));
  return { ok: true, body: parsed.data, who: operator.who };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
}
