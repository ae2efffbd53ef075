import "server-only";
import { z } from "zod";
import { findAccount, type BatchAccount } from "@/lib/batch/accounts";
import { BadRequestError, NotFoundError } from "@/lib/errors/api-error";
import { accountName } from "@/lib/schemas/route-params";
import { decodeParams, searchParamsObject } from "@/lib/schemas/inputs";
import { describeIssues, errorResponse } from "./error-response";

type RawParams = Record<string, string | string[] | undefined>;

export interface RouteInput<P, Q> {
  account: BatchAccount;
  params: P;
  query: Q;
  request: Request;
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequestError(describeIssues(result.error, where));
  return result.data;
}

/**
 * The one shape of every route: the account, path parameters and query are validated before any Batch
 * call (a bad value is a 400 naming it), the handler runs, and anything it throws becomes the one error
 * body (error-response.ts) with Batch's kind, code, message and request id.
 */
export function batchRoute<P extends z.ZodType, Q extends z.ZodType>(
  schemas: { params: P; query: Q },
  run: (input: RouteInput<z.infer<P>, z.infer<Q>>) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<RawParams> }): Promise<Response> => {
    const raw = decodeParams(await context.params);
    try {
      const name = parsed(accountName, raw.account, "account");
      const params = parsed(schemas.params, Object.fromEntries(Object.entries(raw).filter(([key]) => key !== "account")), "path");
      const query = parsed(schemas.query, searchParamsObject(new URL(request.url).searchParams), "query");
      const account = await findAccount(name);
      if (!account) throw new NotFoundError("AccountNotFound", `No account named ${name} is configured.`);
      const result = await run({ account, params, query, request });
      return result instanceof Response ? result : Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
