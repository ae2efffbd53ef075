import "server-only";
import type { z } from "zod";
import type { BatchAccount } from "@/lib/batch/accounts";
import { BadRequestError, ForbiddenError } from "@/lib/errors/api-error";
import { resolveIdentity } from "@/lib/identity/resolve";
import type { Identity } from "@/lib/schemas/identity";
import { describeIssues } from "./error-response";
import { readBodyText } from "./read-body";
import { requireSameOriginJson } from "./same-origin";

/** Far above any dialog's submission (1000 node ids and a reason, or an SSH key); anything larger is not one. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface OperatorRequest<T> {
  body: T;
  who: Identity;
}

/** The operator role, whatever the page showed: a viewer's hand-made request is refused here (403). */
export async function requireOperator(request: Request, account: BatchAccount): Promise<Identity> {
  const who = await resolveIdentity(request.headers, account.localOperator);
  if (who.role !== "operator") throw new ForbiddenError("NotAnOperator", who.actionsRefused ?? `${who.actor} may not act on nodes.`);
  return who;
}

/**
 * What every request that changes something on Batch passes before any Batch call, in the order that
 * tells the caller the most: same-origin JSON (403/415), the operator role (403), the body's size while it
 * is read (413), then the body against its schema (400 naming each field). Zod's messages never repeat the value, so a pasted key or secret
 * cannot come back in an error.
 */
export async function parseOperatorJson<S extends z.ZodType>(request: Request, account: BatchAccount, schema: S): Promise<OperatorRequest<z.infer<S>>> {
  requireSameOriginJson(request);
  const who = await requireOperator(request, account);
  const text = await readBodyText(request, MAX_BODY_BYTES);
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new BadRequestError("body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadRequestError(describeIssues(parsed.error, undefined, 5));
  return { body: parsed.data, who };
}
