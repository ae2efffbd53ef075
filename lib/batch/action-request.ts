import "server-only";
import { z } from "zod";
import { resolveIdentity } from "@/lib/identity/resolve";
import { checkConfirmation } from "@/lib/remediation/confirmation";
import { resolveOption } from "@/lib/remediation/options";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { IdentityView } from "@/lib/schemas/identity";
import { actionRequest, type ActionRequest, type TaskOption } from "@/lib/schemas/remediation";
import { refuseUnlessSameOriginJson } from "./action-guard";
import type { BatchAccount } from "./accounts";

/** Far above 1000 ids and a reason; anything larger is not a dialog's submission. */
const MAX_BODY_CHARS = 256 * 1024;

export type CheckedAction = { ok: true; request: ActionRequest; option: TaskOption | undefined; who: IdentityView } | { ok: false; response: Response };

const refuse = (error: ApiErrorInfo, httpStatus = error.status): CheckedAction => ({ ok: false, response: Response.json({ error }, { status: httpStatus }) });
const bad = (message: string) => refuse({ kind: "badRequest", status: 400, code: "InvalidInput", message });

/**
 * Everything an action request must pass before any Batch call, in the order that tells the caller the
 * most: same-origin JSON (403/415), the operator role (403 whatever the UI showed), then every field
 * (400 naming it), the option per action and the typed confirmation, all enforced here as in the dialog.
 */
export async function checkActionRequest(request: Request, account: BatchAccount): Promise<CheckedAction> {
  const refusal = refuseUnlessSameOriginJson(request);
  if (refusal) return refuse(refusal.error, refusal.httpStatus);
  const who = resolveIdentity(request.headers, account.isEmulator);
  if (who.role !== "operator") {
    return refuse({ kind: "auth", status: 403, code: "NotAnOperator", message: who.actionsRefused ?? `${who.actor} may not act on nodes.` });
  }
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) return bad(`body is larger than ${MAX_BODY_CHARS / 1024} KiB`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return bad("body is not valid JSON");
  }
  const parsed = actionRequest.safeParse(raw);
  if (!parsed.success) return bad(describe(parsed.error));
  const req = parsed.data;
  const seen = new Set<string>();
  for (const id of req.nodeIds) {
    if (seen.has(id)) return bad(`nodeIds: ${id} is listed twice`);
    seen.add(id);
  }
  const option = resolveOption(req.action, req.option);
  if (!option.ok) return bad(option.message);
  const confirmation = checkConfirmation(req.action, req.nodeIds, req.confirm);
  if (confirmation) return bad(confirmation);
  return { ok: true, request: req, option: option.option, who };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
}
