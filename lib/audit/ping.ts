import "server-only";
import { auditLog } from "./open";

/**
 * Whether the store answers: opens it (creating and migrating it on first use) and reads from it. Throws
 * AuditLogError naming the store when it cannot, which health reports and actions refuse on.
 */
export async function pingStore(): Promise<void> {
  auditLog().list("\u0000ping", { limit: 1 });
}
