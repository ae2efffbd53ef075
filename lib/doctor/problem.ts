import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { CheckProblem } from "./report";

/** What is known of one failed call: Batch's error as the dashboard reads it, and a few raw facts around it. */
export interface FailureFacts {
  /** lib/batch/errors.ts toApiError of the error. */
  info: ApiErrorInfo;
  /** The error's class name: @azure/identity names its failures (CredentialUnavailableError, …). */
  errorName?: string;
  /** Batch's error `values` (key/value details), when the body had them. */
  values?: readonly { key?: string; value?: string }[];
  /** The api-version of the last request the check sent. */
  sentApiVersion?: string;
  accountUrl: string;
  credential: "sharedKey" | "entra";
  batchAccountName: string;
}

/** Socket-level causes, as Node names them, in words an operator can act on. */
const NETWORK_CAUSES: [RegExp, string][] = [
  [/ECONNREFUSED/, "connection refused: nothing listens at that address and port"],
  [/ENOTFOUND|EAI_AGAIN/, "the host name does not resolve (DNS)"],
  [/ETIMEDOUT|ESOCKETTIMEDOUT|REQUEST_ABORTED_ERROR|The request was aborted/, "no answer in time"],
  [/ECONNRESET|EPIPE|socket hang up/, "the connection was closed before an answer came"],
  [/EHOSTUNREACH|ENETUNREACH/, "no route to that host"],
  [/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/, "the TLS certificate is not trusted or does not match the host"],
];

const CREDENTIAL_ERRORS = /^(CredentialUnavailableError|AuthenticationRequiredError|AggregateAuthenticationError|AuthenticationError)$/;

/** One failure in plain words, keeping Batch's code, message and request id for a support ticket. */
export function describeProblem(f: FailureFacts): CheckProblem {
  const { info } = f;
  const base = {
    status: info.status,
    message: info.message,
    ...(info.code ? { code: info.code } : {}),
    ...(info.requestId ? { requestId: info.requestId } : {}),
  };
  if (info.status === 0 && f.errorName && CREDENTIAL_ERRORS.test(f.errorName)) {
    const summary = "Microsoft Entra ID gave no token for Azure Batch: sign in (az login), or give the server a managed identity or a service principal.";
    return { ...base, kind: "credential", summary };
  }
  // No HTTP status and no error code: not the network (Node names those) but a fault in this program.
  if (info.status === 0 && !info.code) {
    return { ...base, kind: "internal", summary: "The check itself failed: a fault in Batchscope, not in the account. Please report it with this message." };
  }
  const rejected = rejectedApiVersion(f);
  if (rejected !== undefined) {
    return { ...base, kind: info.kind, rejectedApiVersion: rejected, summary: `The account does not accept api-version ${rejected}.` };
  }
  switch (info.kind) {
    case "network": {
      const cause = NETWORK_CAUSES.find(([re]) => re.test(`${info.code ?? ""} ${info.message}`))?.[1];
      const timedOut = cause === "no answer in time";
      const summary = `The Batch service cannot be reached at ${f.accountUrl}${cause ? `: ${cause}` : ""}.`;
      return { ...base, kind: timedOut ? "timeout" : "network", summary };
    }
    case "auth":
      if (info.code === "AuthenticationFailed" || info.status === 401) {
        const what =
          f.credential === "sharedKey"
            ? `the shared key for Batch account ${f.batchAccountName} (is it the account's current key, and the account name right?)`
            : "the Microsoft Entra ID token (is it for this tenant?)";
        return { ...base, kind: "auth", summary: `Authentication failed: Batch refused ${what}.` };
      }
      return { ...base, kind: "auth", summary: "Batch refused this read: the identity is not allowed to make it (a role assignment on the account?)." };
    case "throttled":
      const after = info.retryAfterSeconds !== undefined ? ` (retry after ${info.retryAfterSeconds} s)` : "";
      return { ...base, kind: "throttled", summary: `Batch is throttling this account's requests${after}.` };
    case "server":
      return { ...base, kind: "server", summary: "Batch answered with a server error." };
    default:
      return { ...base, kind: info.kind, summary: `Batch refused the read (HTTP ${info.status}${info.code ? ` ${info.code}` : ""}).` };
  }
}

/**
 * Batch refuses an api-version it does not serve with 400 InvalidQueryParameterValue (or
 * MissingRequiredQueryParameter) whose values name the api-version parameter; the ARM code
 * InvalidApiVersionParameter belongs to the management plane, not to an account's own endpoint.
 */
function rejectedApiVersion(f: FailureFacts): string | undefined {
  if (f.info.status !== 400 || !/^(InvalidQueryParameterValue|MissingRequiredQueryParameter)$/.test(f.info.code ?? "")) return undefined;
  const values = f.values ?? [];
  const names = values.filter((v) => v.key === "QueryParameterName").map((v) => v.value?.toLowerCase());
  if (!names.includes("api-version")) return undefined;
  return values.find((v) => v.key === "QueryParameterValue")?.value ?? f.sentApiVersion ?? "(none)";
}
