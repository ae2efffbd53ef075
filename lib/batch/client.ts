import "server-only";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import type { BatchAccount } from "./accounts";

const clients = new Map<string, BatchServiceClient>();

/**
 * One SDK client per account. The SDK's own retry policy is off: it surfaces 429 at once and retries
 * 5xx for about two minutes (toolchain.md §5.4), which would hang a view; the dashboard decides retries.
 */
export function batchClient(account: BatchAccount): BatchServiceClient {
  const cacheKey = `${account.name}|${account.url}`;
  let client = clients.get(cacheKey);
  if (!client) {
    if (!account.key) throw new Error(`Account ${account.name} has no key; Entra ID sign-in is not configured yet.`);
    client = new BatchServiceClient(new BatchSharedKeyCredentials(account.name, account.key), account.url, {
      noRetryPolicy: true,
    } as ConstructorParameters<typeof BatchServiceClient>[2]);
    clients.set(cacheKey, client);
  }
  return client;
}
