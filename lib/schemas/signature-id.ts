import { z } from "zod";

/**
 * A failure signature's id as `signature=` (API) and `sig=` (page) carry it: base64url, bounded. Apart from
 * signatures.ts so the heatmap query (failures.ts) can take it without an import cycle.
 */
export const signatureId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be a signature id");
