import { z } from "zod";
import { apiErrorBody } from "./api-error";

/**
 * What a whole-file search streams, one JSON object a line: progress as the server reads the file in
 * ranges, each matching line as it is found, then done, or an error (the API error body's fields) if a
 * read fails mid-stream. The browser validates every line with this schema.
 */
export const searchEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), bytesRead: z.number(), size: z.number() }),
  z.object({ type: z.literal("match"), line: z.number(), offset: z.number(), text: z.string() }),
  z.object({
    type: z.literal("done"),
    matches: z.number(),
    truncated: z.boolean(),
    bytesRead: z.number(),
    lines: z.number(),
    /** The line the search started at (1: from the top) and whether it came round to the top after the end. */
    fromLine: z.number().optional(),
    wrapped: z.boolean().optional(),
  }),
  z.object({ type: z.literal("error"), error: apiErrorBody.shape.error }),
]);
export type SearchEvent = z.infer<typeof searchEvent>;
