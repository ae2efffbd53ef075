import "server-only";
import type { BatchAccount } from "@/lib/batch/accounts";
import { BadRequestError } from "@/lib/errors/api-error";
import { checkConfirmation } from "@/lib/remediation/confirmation";
import { resolveOption } from "@/lib/remediation/options";
import type { Identity } from "@/lib/schemas/identity";
import { idKey } from "@/lib/schemas/ids";
import { actionRequest, type ActionRequest, type TaskOption } from "@/lib/schemas/remediation";
import { parseOperatorJson } from "./operator-request";

export interface CheckedAction {
  request: ActionRequest;
  option: TaskOption | undefined;
  who: Identity;
}

/**
 * Everything an action request must pass before any Batch call, in the order that tells the caller the
 * most: same-origin JSON (403/415), the operator role (403 whatever the UI showed), then every field
 * (400 naming it), the option per action and the typed confirmation, all enforced here as in the dialog.
 */
export async function parseActionRequest(request: Request, account: BatchAccount): Promise<CheckedAction> {
  const { body: req, who } = await parseOperatorJson(request, account, actionRequest);
  // Ids are case-insensitive: tvmps_… and TVMPS_… are one node, which must not be acted on twice.
  const seen = new Set<string>();
  for (const id of req.nodeIds) {
    if (seen.has(idKey(id))) throw new BadRequestError(`nodeIds: ${id} is listed twice`);
    seen.add(idKey(id));
  }
  if (req.keepCapacity && req.action !== "remove") throw new BadRequestError("keepCapacity: only a removal lowers the pool's target");
  const option = resolveOption(req.action, req.option);
  if (!option.ok) throw new BadRequestError(option.message);
  const confirmation = checkConfirmation(req.action, req.nodeIds, req.confirm);
  if (confirmation) throw new BadRequestError(confirmation);
  return { request: req, option: option.option, who };
}
