import { createHash } from "node:crypto";
import { checkSas, parseSas, redactSignature, type Sas, type SasRejection } from "./sas";

/**
 * In-memory model of the Azure Blob storage that Batch tasks read resource files
 * from and upload output files to. It answers one question per task input or
 * output: would the real node agent have succeeded, and if not, which
 * `failureInfo` would Batch have reported (batch-api.md §4.1)? Nothing is
 * transferred and no network is used; results depend only on the model and `nowMs`.
 */

export interface ResourceFileRef {
  httpUrl?: string;
  storageContainerUrl?: string;
  autoStorageContainerName?: string;
  blobPrefix?: string;
  filePath?: string;
  /** A pool managed identity replaces the SAS; the model assumes the identity holds a data role on the account. */
  identityReference?: { resourceId?: string };
}

export interface FailureInfo {
  category: "UserError" | "ServerError";
  code: string;
  message: string;
  details: { name: string; value: string }[];
}

export type DownloadResult = { ok: true; files: { path: string; size: number }[] } | { ok: false; failure: FailureInfo };

export type UploadResult =
  | { ok: true }
  | { ok: false; failure: FailureInfo; /** contents for fileuploaderr.txt */ uploadErrorLog: string };

export interface OutputUploadOptions {
  identityReference?: { resourceId?: string };
}

/** "none" is a private container; "blob" allows anonymous blob reads; "container" also allows anonymous listing. */
export type PublicAccess = "none" | "blob" | "container";

export interface StorageAccountListing {
  name: string;
  containers: { name: string; publicAccess: PublicAccess; blobs: { name: string; size: number }[] }[];
}

const BLOB_HOST_SUFFIX = ".blob.core.windows.net";
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

interface ContainerState {
  publicAccess: PublicAccess;
  blobs: Map<string, Uint8Array>;
}

/** What the Blob service would have answered, for failure details and fileuploaderr.txt. */
interface StorageAnswer {
  status?: number;
  errorCode?: string;
  message: string;
  authenticationErrorDetail?: string;
}

type Located =
  | { kind: "invalid"; reason: string }
  | { kind: "unresolved"; host: string }
  | { kind: "found"; account: string; container: string; blobName: string; sas: Sas | undefined };

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content);
}

function joinPath(dir: string | undefined, name: string): string {
  if (!dir) return name;
  return `${dir.replace(/[\\/]+$/, "")}/${name}`;
}

function lastSegment(name: string): string {
  const parts = name.split("/").filter((p) => p !== "");
  return parts[parts.length - 1] ?? name;
}

/** Storage request ids are GUIDs ending in zeros; derive one from the inputs so output stays deterministic. */
function requestId(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 26)}000000`;
}

function detailsFor(answer: StorageAnswer): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  if (answer.status !== undefined) out.push({ name: "HttpStatusCode", value: String(answer.status) });
  if (answer.errorCode !== undefined) out.push({ name: "ErrorCode", value: answer.errorCode });
  out.push({ name: "ErrorMessage", value: answer.message });
  if (answer.authenticationErrorDetail !== undefined) {
    out.push({ name: "AuthenticationErrorDetail", value: answer.authenticationErrorDetail });
  }
  return out;
}

function unresolved(host: string): StorageAnswer {
  return { message: `The remote name could not be resolved: '${host}'` };
}

function fromRejection(r: SasRejection): StorageAnswer {
  const answer: StorageAnswer = { status: r.status, errorCode: r.errorCode, message: r.message };
  if (r.authenticationErrorDetail !== undefined) answer.authenticationErrorDetail = r.authenticationErrorDetail;
  return answer;
}

const CONTAINER_NOT_FOUND: StorageAnswer = { status: 404, errorCode: "ContainerNotFound", message: "The specified container does not exist." };
const BLOB_NOT_FOUND: StorageAnswer = { status: 404, errorCode: "BlobNotFound", message: "The specified blob does not exist." };

export class StorageModel {
  private readonly accounts = new Map<string, Map<string, ContainerState>>();
  private autoStorageAccount: string | undefined;

  /** Registers `<name>.blob.core.windows.net`. Idempotent. Throws RangeError on a name Azure would refuse. */
  addAccount(name: string): void {
    if (!ACCOUNT_NAME.test(name)) {
      throw new RangeError(`Invalid storage account name '${name}': use 3-24 lowercase letters and digits.`);
    }
    if (!this.accounts.has(name)) this.accounts.set(name, new Map());
  }

  /** Removing an account makes its host unresolvable, as a deleted account's DNS name is. */
  removeAccount(name: string): boolean {
    return this.accounts.delete(name);
  }

  /** Idempotent; an existing container keeps its blobs but takes the new access level. */
  addContainer(account: string, container: string, options: { publicAccess?: PublicAccess } = {}): void {
    const containers = this.requireAccount(account);
    if (!CONTAINER_NAME.test(container)) {
      throw new RangeError(
        `Invalid container name '${container}': use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.`,
      );
    }
    const publicAccess = options.publicAccess ?? "none";
    const existing = containers.get(container);
    if (existing) existing.publicAccess = publicAccess;
    else containers.set(container, { publicAccess, blobs: new Map() });
  }

  removeContainer(account: string, container: string): boolean {
    return this.accounts.get(account)?.delete(container) ?? false;
  }

  /** Creates or overwrites a blob; the content is copied. */
  putBlob(account: string, container: string, blobName: string, content: string | Uint8Array): void {
    if (blobName === "" || blobName.length > 1024) {
      throw new RangeError(`Invalid blob name '${blobName}': use 1-1024 characters.`);
    }
    this.requireContainer(account, container).blobs.set(blobName, toBytes(content));
  }

  getBlob(account: string, container: string, blobName: string): Uint8Array | undefined {
    return this.accounts.get(account)?.get(container)?.blobs.get(blobName);
  }

  deleteBlob(account: string, container: string, blobName: string): boolean {
    return this.accounts.get(account)?.get(container)?.blobs.delete(blobName) ?? false;
  }

  /** The Batch account's linked ("auto-storage") account, used by `autoStorageContainerName`. */
  setAutoStorageAccount(name: string | undefined): void {
    this.autoStorageAccount = name;
  }

  getAutoStorageAccount(): string | undefined {
    return this.autoStorageAccount;
  }

  /** Sorted snapshot, so a control API listing is stable. */
  listAccounts(): StorageAccountListing[] {
    return [...this.accounts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, containers]) => ({
        name,
        containers: [...containers.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([containerName, state]) => ({
            name: containerName,
            publicAccess: state.publicAccess,
            blobs: [...state.blobs.entries()]
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([blobName, bytes]) => ({ name: blobName, size: bytes.byteLength })),
          })),
      }));
  }

  /** Decides the download outcome of one entry of a task's `resourceFiles`. */
  checkResourceFile(file: ResourceFileRef, nowMs: number): DownloadResult {
    const problem = validateResourceFile(file);
    if (problem !== undefined) {
      // The service rejects these at submission; reaching here means the caller skipped validation.
      return {
        ok: false,
        failure: {
          category: "UserError",
          code: "BlobDownloadMiscError",
          message: "Miscellaneous error encountered while downloading one of the specified Azure Blob(s)",
          details: [{ name: "ErrorMessage", value: problem }],
        },
      };
    }
    if (file.httpUrl !== undefined) return this.checkHttpUrl(file.httpUrl, file, nowMs);
    if (file.storageContainerUrl !== undefined) return this.checkContainerUrl(file.storageContainerUrl, file, nowMs);
    return this.checkAutoStorage(file.autoStorageContainerName ?? "", file);
  }

  /** Decides whether output files could be uploaded to one `outputFiles[].destination.container.containerUrl`. */
  checkOutputUpload(containerUrl: string, nowMs: number, options: OutputUploadOptions = {}): UploadResult {
    const shown = redactSignature(containerUrl);
    const fail = (code: string, category: FailureInfo["category"], message: string, answer: StorageAnswer): UploadResult => ({
      ok: false,
      failure: {
        category,
        code,
        message,
        details: [
          { name: "ContainerUrl", value: shown },
          ...detailsFor(answer),
          { name: "Message", value: "See fileuploaderr.txt in the task directory for the upload log." },
        ],
      },
      uploadErrorLog: uploadLog(shown, answer, code, nowMs, requestId("upload", containerUrl, nowMs)),
    });
    const miscMessage = "Miscellaneous error encountered while uploading one of the output files";

    const loc = this.locate(containerUrl);
    if (loc.kind === "invalid") return fail("FileUploadMiscError", "ServerError", miscMessage, { message: loc.reason });
    if (loc.kind === "unresolved") return fail("FileUploadMiscError", "ServerError", miscMessage, unresolved(loc.host));

    if (options.identityReference === undefined) {
      // Even a public container never accepts anonymous writes, so a SAS (or identity) is always needed.
      const rejection = checkSas(loc.sas, { target: "object", permissions: [["w", "c"]] }, nowMs);
      if (rejection) {
        return fail("FileUploadAccessDenied", "UserError", "Access to one of the specified file upload destinations was denied", fromRejection(rejection));
      }
    }
    if (!this.accounts.get(loc.account)?.has(loc.container)) {
      return fail("FileUploadContainerNotFound", "UserError", "One of the specified file upload destination containers was not found", CONTAINER_NOT_FOUND);
    }
    return { ok: true };
  }

  private requireAccount(account: string): Map<string, ContainerState> {
    const containers = this.accounts.get(account);
    if (!containers) throw new RangeError(`Unknown storage account '${account}'.`);
    return containers;
  }

  private requireContainer(account: string, container: string): ContainerState {
    const state = this.requireAccount(account).get(container);
    if (!state) throw new RangeError(`Unknown container '${container}' in storage account '${account}'.`);
    return state;
  }

  /** Maps a blob or container URL onto the model; only hosts of registered accounts "resolve". */
  private locate(rawUrl: string): Located {
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
    if (account === undefined || account.includes(".") || !this.accounts.has(account)) return { kind: "unresolved", host };

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

  private checkHttpUrl(httpUrl: string, file: ResourceFileRef, nowMs: number): DownloadResult {
    const shown = redactSignature(httpUrl);
    const fail = (code: string, category: FailureInfo["category"], message: string, answer: StorageAnswer): DownloadResult => ({
      ok: false,
      failure: {
        category,
        code,
        message,
        details: [{ name: "BlobSource", value: shown }, { name: "FilePath", value: file.filePath ?? "" }, ...detailsFor(answer)],
      },
    });
    const miscMessage = "Miscellaneous error encountered while downloading one of the specified Azure Blob(s)";
    const deniedMessage = "Access for one of the specified Azure Blob(s) is denied";
    const notFoundMessage = "One of the specified Azure Blob(s) is not found";

    const loc = this.locate(httpUrl);
    if (loc.kind === "invalid") return fail("BlobDownloadMiscError", "ServerError", miscMessage, { message: loc.reason });
    if (loc.kind === "unresolved") return fail("BlobDownloadMiscError", "ServerError", miscMessage, unresolved(loc.host));

    const state = this.accounts.get(loc.account)?.get(loc.container);
    const anonymousAllowed = loc.sas === undefined && state !== undefined && state.publicAccess !== "none";
    if (file.identityReference === undefined && !anonymousAllowed) {
      const rejection = checkSas(loc.sas, { target: "object", permissions: [["r"]] }, nowMs);
      if (rejection) return fail("BlobAccessDenied", "UserError", deniedMessage, fromRejection(rejection));
    }
    if (!state) return fail("BlobNotFound", "UserError", notFoundMessage, CONTAINER_NOT_FOUND);
    const blob = state.blobs.get(loc.blobName);
    if (!blob) return fail("BlobNotFound", "UserError", notFoundMessage, BLOB_NOT_FOUND);
    return { ok: true, files: [{ path: file.filePath || lastSegment(loc.blobName), size: blob.byteLength }] };
  }

  private checkContainerUrl(containerUrl: string, file: ResourceFileRef, nowMs: number): DownloadResult {
    const shown = redactSignature(containerUrl);
    const fail = (code: string, category: FailureInfo["category"], message: string, answer: StorageAnswer): DownloadResult => ({
      ok: false,
      failure: { category, code, message, details: [{ name: "ContainerUrl", value: shown }, ...detailsFor(answer)] },
    });

    const loc = this.locate(containerUrl);
    if (loc.kind === "invalid") return fail("ResourceContainerListMiscError", "ServerError", CONTAINER_MISC, { message: loc.reason });
    if (loc.kind === "unresolved") return fail("ResourceContainerListMiscError", "ServerError", CONTAINER_MISC, unresolved(loc.host));

    const state = this.accounts.get(loc.account)?.get(loc.container);
    const anonymousAllowed = loc.sas === undefined && state?.publicAccess === "container";
    if (file.identityReference === undefined && !anonymousAllowed) {
      // Batch lists the container and then reads each blob, and documents that the SAS needs both 'l' and 'r'.
      const rejection =
        checkSas(loc.sas, { target: "container", permissions: [["l"]] }, nowMs) ??
        checkSas(loc.sas, { target: "object", permissions: [["r"]] }, nowMs);
      if (rejection) return fail("ResourceContainerAccessDenied", "UserError", CONTAINER_DENIED, fromRejection(rejection));
    }
    if (!state) return fail("ResourceContainerNotFound", "UserError", CONTAINER_NOT_FOUND_MESSAGE, CONTAINER_NOT_FOUND);
    return { ok: true, files: blobsUnder(state, file) };
  }

  private checkAutoStorage(containerName: string, file: ResourceFileRef): DownloadResult {
    const account = this.autoStorageAccount;
    const fail = (code: string, category: FailureInfo["category"], message: string, answer: StorageAnswer): DownloadResult => ({
      ok: false,
      failure: { category, code, message, details: [{ name: "AutoStorageContainerName", value: containerName }, ...detailsFor(answer)] },
    });
    if (account === undefined) {
      return fail("ResourceContainerListMiscError", "UserError", CONTAINER_MISC, {
        message: "The Batch account has no linked auto-storage account, so autoStorageContainerName cannot be resolved.",
      });
    }
    const containers = this.accounts.get(account);
    if (!containers) return fail("ResourceContainerListMiscError", "ServerError", CONTAINER_MISC, unresolved(`${account}${BLOB_HOST_SUFFIX}`));
    // Batch authenticates to the auto-storage account with its key, so no SAS or access-level checks apply.
    const state = containers.get(containerName);
    if (!state) return fail("ResourceContainerNotFound", "UserError", CONTAINER_NOT_FOUND_MESSAGE, CONTAINER_NOT_FOUND);
    return { ok: true, files: blobsUnder(state, file) };
  }
}

const CONTAINER_MISC = "Miscellaneous error encountered while listing one of the specified Azure Container(s)";
const CONTAINER_DENIED = "Access for one of the specified Azure Container(s) is denied";
const CONTAINER_NOT_FOUND_MESSAGE = "One of the specified Azure Container(s) is not found";

function blobsUnder(state: ContainerState, file: ResourceFileRef): { path: string; size: number }[] {
  const prefix = file.blobPrefix ?? "";
  // Blob names keep their full name (prefix included) under filePath, as the node agent lays them out.
  return [...state.blobs.entries()]
    .filter(([name]) => name.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, bytes]) => ({ path: joinPath(file.filePath, name), size: bytes.byteLength }));
}

function uploadLog(shownUrl: string, answer: StorageAnswer, code: string, nowMs: number, reqId: string): string {
  const ts = new Date(nowMs).toISOString();
  const lines = [`${ts} INFO Uploading output files to container ${shownUrl}`];
  if (answer.status === undefined) {
    lines.push(`${ts} ERROR Request to ${shownUrl} failed before a response was received: ${answer.message}`);
  } else {
    lines.push(`${ts} ERROR Azure Storage responded ${answer.status} ${answer.errorCode ?? ""} for ${shownUrl}`);
    lines.push(`${ts} ERROR ${answer.message} RequestId:${reqId} Time:${ts.replace("Z", "0000Z")}`);
    if (answer.authenticationErrorDetail !== undefined) {
      lines.push(`${ts} ERROR AuthenticationErrorDetail: ${answer.authenticationErrorDetail}`);
    }
  }
  lines.push(`${ts} ERROR Output file upload failed with ${code}; no further files were uploaded to this destination.`);
  return lines.join("\n") + "\n";
}

/** Returns why Batch would reject this resource file at task submission (400), or undefined if it is well formed. */
export function validateResourceFile(file: ResourceFileRef): string | undefined {
  const sources = [file.httpUrl, file.storageContainerUrl, file.autoStorageContainerName].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    return "Exactly one of httpUrl, storageContainerUrl and autoStorageContainerName must be specified.";
  }
  if (file.httpUrl !== undefined) {
    if (!file.filePath) return "filePath is required when httpUrl is specified.";
    if (file.blobPrefix !== undefined) return "blobPrefix applies only to storageContainerUrl or autoStorageContainerName.";
  }
  if (file.filePath !== undefined && (file.filePath.startsWith("/") || /^[a-zA-Z]:/.test(file.filePath) || file.filePath.split(/[\\/]/).includes(".."))) {
    return "filePath must be relative to the task working directory and must not contain '..'.";
  }
  return undefined;
}
