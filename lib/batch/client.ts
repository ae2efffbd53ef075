import "server-only";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { metrics } from "@/lib/observability/metrics";
import type { BatchAccount } from "./accounts";
import { BatchTokenCredentials } from "./entra";
import { ReadCache } from "./read-cache";
import { batchRequestPolicy, DEFAULT_POLICY, ServiceClock, type RequestPolicySettings, type RequestSlots } from "./request-policy";
import { Semaphore } from "./semaphore";
import { processShared } from "./process-shared";

/** Reads in flight per account: enough for paging several jobs at once, few enough to stay polite. */
export const READS_PER_ACCOUNT = 8;
/** Actions in flight per account, apart from the reads: as many as a bulk action sends at once (NODE_CONCURRENCY). */
const ACTIONS_PER_ACCOUNT = 8;

export interface AccountClient {
  client: BatchServiceClient;
  cache: ReadCache;
  slots: RequestSlots;
  clock: ServiceClock;
}

// On globalThis: pages and API routes are separate server bundles of one process, and each would otherwise
// hold its own copy of this map: two read caches (a page could show what an action already invalidated),
// two service clocks, and twice the request slots the account is meant to get (docs/architecture.md).
const clients = processShared("AccountClients", () => new Map<string, AccountClient>());

/**
 * One SDK client, read cache and concurrency limits (reads and actions apart) per account. The SDK's retry policies are replaced by
 * ours (request-policy.ts): it goes outermost, so each retry is signed afresh.
 */
export function accountClient(account: BatchAccount, settings: RequestPolicySettings = DEFAULT_POLICY): AccountClient {
  const key = `${account.name}|${account.url}|${account.batchAccountName}|${account.key ?? "entra"}|${account.apiVersion}`;
  let entry = clients.get(key);
  if (!entry) {
    const slots: RequestSlots = { reads: new Semaphore(READS_PER_ACCOUNT), actions: new Semaphore(ACTIONS_PER_ACCOUNT) };
    const clock = new ServiceClock();
    const credentials = account.key ? new BatchSharedKeyCredentials(account.batchAccountName, account.key) : new BatchTokenCredentials();
    const options = {
      noRetryPolicy: true,
      requestPolicyFactories: (defaults: unknown[]) => [batchRequestPolicy(settings, slots, clock), ...defaults],
    } as unknown as ConstructorParameters<typeof BatchServiceClient>[2];
    const client = new BatchServiceClient(credentials, account.url, options);
    // Every operation spec of the SDK, *Next paging included, reads api-version from this property when the
    // URL is built, before the SharedKey policy signs it (the signature covers the query string), so the
    // version is set here rather than rewritten on the way out (docs/real-service.md "API versions").
    client.apiVersion = account.apiVersion;
    entry = { client, cache: new ReadCache(), slots, clock };
    metrics().slots.set(account.name, slots);
    clients.set(key, entry);
  }
  return entry;
}
