import type { ResourceFileRef } from "./types";

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
  const path = file.filePath;
  if (path !== undefined && (path.startsWith("/") || /^[a-zA-Z]:/.test(path) || path.split(/[\\/]/).includes(".."))) {
    return "filePath must be relative to the task working directory and must not contain '..'.";
  }
  return undefined;
}
