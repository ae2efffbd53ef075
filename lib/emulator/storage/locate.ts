import { parseSas, redactSignature, type Sas } from "./sas";
import type { StorageAccounts } from "./types";

export const BLOB_HOST_SUFFIX = ".blob.core.windows.net";

export type Located =
  | { kind: "invalid"; reason: string }
  | { kind: "unresolved"; host: string }
  | { kind: "found"; account: string; container: string; blobName: string; sas: Sas | undefined };

/** Maps a blob or container URL onto the model; only hosts of registered accounts "resolve". */
export function locate(rawUrl: string, accounts: StorageAccounts): Located {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: "invalid", reason: `Invalid URI: The format of the URI '${redactSignature(rawUrl)}' could not be determined.` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { kind: "invalid", reason: `Invalid URI: the scheme '${url.protocol.replace(/:$/, "")}' is not supported; use https.` };
  }
  const host = url.hostname.toLowerCase();
  const account = host.endsWith(BLOB_HOST_SUFFIX) ? host.slice(0, -BLOB_HOST_SUFFIX.length) : undefined;
  if (account === undefined || account.includes(".") || !accounts.has(account)) return { kind: "unresolved", host };

  const segments = url.pathname.replace(/^\//, "").split("/");
  let container: string;
  let blobName: string;
  try {
    // Storage decodes the path once; an encoded "/" in a blob name is a real "/".
    container = decodeURIComponent(segments[0] ?? "");
    blobName = decodeURIComponent(segments.slice(1).join("/"));
  } catch {
    return { kind: "invalid", reason: `Invalid URI: the path of '${redactSignature(rawUrl)}' is not validly percent-encoded.` };
  }
  return { kind: "found", account, container, blobName, sas: parseSas(url.searchParams) };
}
