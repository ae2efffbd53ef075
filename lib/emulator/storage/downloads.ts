import { BLOB_NOT_FOUND, CONTAINER_NOT_FOUND, detailsFor, fromRejection, unresolved, type StorageAnswer } from "./answers";
import { BLOB_HOST_SUFFIX, locate } from "./locate";
import { checkSas, redactSignature } from "./sas";
import type { ContainerState, DownloadResult, FailureInfo, ResourceFileRef, StorageAccounts, StorageView } from "./types";
import { validateResourceFile } from "./validate-resource-file";

/** Whether each kind of task resource file (a blob URL, a container URL, an auto-storage container) would download. */

const BLOB_MISC = "Miscellaneous error encountered while downloading one of the specified Azure Blob(s)";
const BLOB_DENIED = "Access for one of the specified Azure Blob(s) is denied";
const BLOB_NOT_FOUND_MESSAGE = "One of the specified Azure Blob(s) is not found";
const CONTAINER_MISC = "Miscellaneous error encountered while listing one of the specified Azure Container(s)";
const CONTAINER_DENIED = "Access for one of the specified Azure Container(s) is denied";
const CONTAINER_NOT_FOUND_MESSAGE = "One of the specified Azure Container(s) is not found";

type Fail = (code: string, category: FailureInfo["category"], message: string, answer: StorageAnswer) => DownloadResult;

/** A failure builder whose details start with `lead` (which source failed) and then say what storage answered. */
function failWith(lead: { name: string; value: string }[]): Fail {
  return (code, category, message, answer) => ({
    ok: false,
    failure: { category, code, message, details: [...lead, ...detailsFor(answer)] },
  });
}

function sortByName<T>(entries: [string, T][]): [string, T][] {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function joinPath(dir: string | undefined, name: string): string {
  if (!dir) return name;
  return `${dir.replace(/[\\/]+$/, "")}/${name}`;
}

function lastSegment(name: string): string {
  const parts = name.split("/").filter((p) => p !== "");
  return parts[parts.length - 1] ?? name;
}

function blobsUnder(state: ContainerState, file: ResourceFileRef): { path: string; size: number }[] {
  const prefix = file.blobPrefix ?? "";
  // Blob names keep their full name (prefix included) under filePath, as the node agent lays them out.
  return sortByName([...state.blobs.entries()].filter(([name]) => name.startsWith(prefix))).map(([name, bytes]) => ({
    path: joinPath(file.filePath, name),
    size: bytes.byteLength,
  }));
}

function checkHttpUrl(accounts: StorageAccounts, httpUrl: string, file: ResourceFileRef, nowMs: number): DownloadResult {
  const fail = failWith([
    { name: "BlobSource", value: redactSignature(httpUrl) },
    { name: "FilePath", value: file.filePath ?? "" },
  ]);
  const loc = locate(httpUrl, accounts);
  if (loc.kind === "invalid") return fail("BlobDownloadMiscError", "ServerError", BLOB_MISC, { message: loc.reason });
  if (loc.kind === "unresolved") return fail("BlobDownloadMiscError", "ServerError", BLOB_MISC, unresolved(loc.host));

  const state = accounts.get(loc.account)?.get(loc.container);
  const anonymousAllowed = loc.sas === undefined && state !== undefined && state.publicAccess !== "none";
  if (file.identityReference === undefined && !anonymousAllowed) {
    const rejection = checkSas(loc.sas, { target: "object", permissions: [["r"]] }, nowMs);
    if (rejection) return fail("BlobAccessDenied", "UserError", BLOB_DENIED, fromRejection(rejection));
  }
  if (!state) return fail("BlobNotFound", "UserError", BLOB_NOT_FOUND_MESSAGE, CONTAINER_NOT_FOUND);
  const blob = state.blobs.get(loc.blobName);
  if (!blob) return fail("BlobNotFound", "UserError", BLOB_NOT_FOUND_MESSAGE, BLOB_NOT_FOUND);
  return { ok: true, files: [{ path: file.filePath || lastSegment(loc.blobName), size: blob.byteLength }] };
}

function checkContainerUrl(accounts: StorageAccounts, containerUrl: string, file: ResourceFileRef, nowMs: number): DownloadResult {
  const fail = failWith([{ name: "ContainerUrl", value: redactSignature(containerUrl) }]);
  const loc = locate(containerUrl, accounts);
  if (loc.kind === "invalid") return fail("ResourceContainerListMiscError", "ServerError", CONTAINER_MISC, { message: loc.reason });
  if (loc.kind === "unresolved") return fail("ResourceContainerListMiscError", "ServerError", CONTAINER_MISC, unresolved(loc.host));

  const state = accounts.get(loc.account)?.get(loc.container);
  const anonymousAllowed = loc.sas === undefined && state?.publicAccess === "container";
  if (file.identityReference === undefined && !anonymousAllowed) {
    // Batch lists the container and then reads each blob, and documents that the SAS needs both 'l' and 'r'.
    const rejection =
      checkSas(loc.sas, { target: "container", permissions: [["l"]] }, nowMs) ?? checkSas(loc.sas, { target: "object", permissions: [["r"]] }, nowMs);
    if (rejection) return fail("ResourceContainerAccessDenied", "UserError", CONTAINER_DENIED, fromRejection(rejection));
  }
  if (!state) return fail("ResourceContainerNotFound", "UserError", CONTAINER_NOT_FOUND_MESSAGE, CONTAINER_NOT_FOUND);
  return { ok: true, files: blobsUnder(state, file) };
}

function checkAutoStorage(view: StorageView, containerName: string, file: ResourceFileRef): DownloadResult {
  const account = view.autoStorageAccount;
  const fail = failWith([{ name: "AutoStorageContainerName", value: containerName }]);
  if (account === undefined) {
    return fail("ResourceContainerListMiscError", "UserError", CONTAINER_MISC, {
      message: "The Batch account has no linked auto-storage account, so autoStorageContainerName cannot be resolved.",
    });
  }
  const containers = view.accounts.get(account);
  if (!containers) return fail("ResourceContainerListMiscError", "ServerError", CONTAINER_MISC, unresolved(`${account}${BLOB_HOST_SUFFIX}`));
  // Batch authenticates to the auto-storage account with its key, so no SAS or access-level checks apply.
  const state = containers.get(containerName);
  if (!state) return fail("ResourceContainerNotFound", "UserError", CONTAINER_NOT_FOUND_MESSAGE, CONTAINER_NOT_FOUND);
  return { ok: true, files: blobsUnder(state, file) };
}

/** Decides the download outcome of one entry of a task's `resourceFiles`. */
export function checkResourceFile(view: StorageView, file: ResourceFileRef, nowMs: number): DownloadResult {
  const problem = validateResourceFile(file);
  if (problem !== undefined) {
    // The service rejects these at submission; reaching here means the caller skipped validation.
    return failWith([])("BlobDownloadMiscError", "UserError", BLOB_MISC, { message: problem });
  }
  if (file.httpUrl !== undefined) return checkHttpUrl(view.accounts, file.httpUrl, file, nowMs);
  if (file.storageContainerUrl !== undefined) return checkContainerUrl(view.accounts, file.storageContainerUrl, file, nowMs);
  return checkAutoStorage(view, file.autoStorageContainerName ?? "", file);
}
