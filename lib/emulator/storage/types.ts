/** The shapes of the blob storage model: what tasks point at, and what the node agent would have reported. */

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

export type UploadResult = { ok: true } | { ok: false; failure: FailureInfo; /** contents for fileuploaderr.txt */ uploadErrorLog: string };

export interface OutputUploadOptions {
  identityReference?: { resourceId?: string };
}

/** "none" is a private container; "blob" allows anonymous blob reads; "container" also allows anonymous listing. */
export type PublicAccess = "none" | "blob" | "container";

export interface StorageAccountListing {
  name: string;
  containers: { name: string; publicAccess: PublicAccess; blobs: { name: string; size: number }[] }[];
}

export interface ContainerState {
  publicAccess: PublicAccess;
  blobs: Map<string, Uint8Array>;
}

/** Storage accounts by name, each a map of its containers by name. */
export type StorageAccounts = ReadonlyMap<string, Map<string, ContainerState>>;

/** What the checks read of the model. */
export interface StorageView {
  accounts: StorageAccounts;
  autoStorageAccount: string | undefined;
}
