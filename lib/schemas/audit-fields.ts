import { z } from "zod";

/**
 * The incident ticket an audited action names (Connect and node actions alike): free text an operator
 * pastes, kept short and on one line so it reads the same in the audit table and in a copied summary.
 */
export const ticketRef = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]*$/, "contains a control character");
