import { z } from "zod";

/** What went wrong with the dashboard's own call to Batch (apart from the task failure categories Batch reports). */
export const API_ERROR_KINDS = ["network", "server", "throttled", "conflict", "notFound", "auth", "badRequest"] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export const apiErrorBody = z.object({
  error: z.object({
    kind: z.enum(API_ERROR_KINDS),
    status: z.number(),
    code: z.string().optional(),
    message: z.string(),
    requestId: z.string().optional(),
    retryAfterSeconds: z.number().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;
export type ApiErrorInfo = ApiErrorBody["error"];
