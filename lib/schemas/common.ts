import { z } from "zod";

export const nameValue = z.object({ name: z.string(), value: z.string() });
export const failureInfo = z.object({
  category: z.string(),
  code: z.string().optional(),
  message: z.string().optional(),
  details: z.array(nameValue),
});
export type FailureInfo = z.infer<typeof failureInfo>;

/** Every response of a read says when, by the Batch service's clock, the data was read. */
export const asOf = z.string();
