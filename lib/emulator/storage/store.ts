import { checkResourceFile } from "./downloads";
import type { ContainerState, DownloadResult, OutputUploadOptions, PublicAccess, ResourceFileRef, StorageAccountListing, UploadResult } from "./types";
import { checkOutputUpload } from "./uploads";

/**
 * In-memory model of the Azure Blob storage that Batch tasks read resource files from and upload output
 * files to. It answers one question per task input or output: would the real node agent have succeeded,
 * and if not, which task `failureInfo` would Batch have reported? Nothing is transferred and no network is
 * used; results depend only on the model and `nowMs`.
 *
 * This class holds the accounts, containers and blobs; downloads.ts and uploads.ts decide the outcomes,
 * locate.ts maps URLs onto the model, and answers.ts words what storage would have answered.
 */

export type * from "./types";
export { validateResourceFile } from "./validate-resource-file";

const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content);
}

function sortedByName<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

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
        `Invalid container name '${container}': use 3-63 lowercase letters, digits and single hyphens, ` + `starting and ending with a letter or digit.`,
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
    return sortedByName(this.accounts).map(([name, containers]) => ({
      name,
      containers: sortedByName(containers).map(([containerName, state]) => ({
        name: containerName,
        publicAccess: state.publicAccess,
        blobs: sortedByName(state.blobs).map(([blobName, bytes]) => ({ name: blobName, size: bytes.byteLength })),
      })),
    }));
  }

  /** Decides the download outcome of one entry of a task's `resourceFiles`. */
  checkResourceFile(file: ResourceFileRef, nowMs: number): DownloadResult {
    return checkResourceFile({ accounts: this.accounts, autoStorageAccount: this.autoStorageAccount }, file, nowMs);
  }

  /** Decides whether output files could be uploaded to one `outputFiles[].destination.container.containerUrl`. */
  checkOutputUpload(containerUrl: string, nowMs: number, options: OutputUploadOptions = {}): UploadResult {
    return checkOutputUpload(this.accounts, containerUrl, nowMs, options);
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
}
