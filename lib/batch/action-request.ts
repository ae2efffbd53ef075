import "server-only";
import { checkConfirmation } from "@/lib/remediation/confirmation";
import { resolveOption } from "@/lib/remediation/options";
import type { IdentityView } from "@/lib/schemas/identity";
import { idKey } from "@/lib/schemas/ids";
import { actionRequest, type ActionRequest, type TaskOption } from "@/lib/schemas/remediation";
import type { BatchAccount } from "./accounts";
import { badInput as bad, checkOperatorJson } from "./operator-request";

export type CheckedAction = { ok: true; request: ActionRequest; option: TaskOption | undefined; who: IdentityView } | { ok: false; response: Response };

/**
 * Everything an action request must pass before any Batch call, in the order that tells the caller the
 * most: same-origin JSON (403/415), the operator role (403 whatever the UI showed), then every field
 * (400 naming it), the option per action and the typed confirmation, all enforced here as in the dialog.
 */
export async function checkActionRequest(request: Request, account: BatchAccount): Promise<CheckedAction> {
  const checked = await checkOperatorJson(request, account, actionRequest);
  if (!checked.ok) return checked;
  const { body: req, who } = checked;
  // Ids are case-insensitive: tvmps_… and TVMPS_… are one node, which must not be acted on twice.
  const seen = new Set<string>();
  for (const id of req.nodeIds) {
    if (seen.has(idKey(id))) return bad(`nodeIds: ${id} is listed twice`);
    seen.add(idKey(id));
  }
  const option = resolveOption(req.action, req.option);
  if (!option.ok) return bad(option.message);
  const confirmation = checkConfirmation(req.action, req.nodeIds, req.confirm);
  if (confirmation) return bad(confirmation);
  return { ok: true, request: req, option: option.option, who };
}
