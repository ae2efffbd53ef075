import { describe, it, expect, beforeEach } from "vitest";
import { StorageModel, validateResourceFile, type DownloadResult, type UploadResult } from "./store";

const NOW = Date.parse("2025-06-01T12:00:00Z");
const HOST = "https://acct.blob.core.windows.net";
const READ = "sv=2022-11-02&sp=r&se=2030-01-01T00:00:00Z&sr=b&sig=readsig";
const LIST = "sv=2022-11-02&sp=rl&se=2030-01-01T00:00:00Z&sr=c&sig=listsig";
const WRITE = "sv=2022-11-02&sp=cw&se=2030-01-01T00:00:00Z&sr=c&sig=writesig";

function failureOf(result: DownloadResult | UploadResult) {
  if (result.ok) throw new Error("expected a failure");
  return result.failure;
}

function detail(result: DownloadResult | UploadResult, name: string): string | undefined {
  return failureOf(result).details.find((d) => d.name === name)?.value;
}

let model: StorageModel;

beforeEach(() => {
  model = new StorageModel();
  model.addAccount("acct");
  model.addContainer("acct", "inputs");
  model.addContainer("acct", "outputs");
  model.putBlob("acct", "inputs", "data/a.csv", "a,b\n1,2\n");
  model.putBlob("acct", "inputs", "data/sub/b.bin", new Uint8Array([1, 2, 3]));
  model.putBlob("acct", "inputs", "other.txt", "héllo");
});

describe("StorageModel administration", () => {
  it("lists accounts, containers and blobs sorted, with byte sizes", () => {
    expect(model.listAccounts()).toEqual([
      {
        name: "acct",
        containers: [
          {
            name: "inputs",
            publicAccess: "none",
            blobs: [
              { name: "data/a.csv", size: 8 },
              { name: "data/sub/b.bin", size: 3 },
              { name: "other.txt", size: 6 },
            ],
          },
          { name: "outputs", publicAccess: "none", blobs: [] },
        ],
      },
    ]);
  });

  it("deletes blobs, containers and accounts", () => {
    expect(model.deleteBlob("acct", "inputs", "other.txt")).toBe(true);
    expect(model.deleteBlob("acct", "inputs", "other.txt")).toBe(false);
    expect(model.removeContainer("acct", "outputs")).toBe(true);
    expect(model.removeAccount("acct")).toBe(true);
    expect(model.listAccounts()).toEqual([]);
  });

  it("refuses names Azure would refuse and writes into missing containers", () => {
    expect(() => model.addAccount("Bad_Name")).toThrow(RangeError);
    expect(() => model.addContainer("acct", "a--b")).toThrow(RangeError);
    expect(() => model.addContainer("nope", "inputs")).toThrow(RangeError);
    expect(() => model.putBlob("acct", "missing", "x", "y")).toThrow(RangeError);
  });
});

describe("checkResourceFile by httpUrl", () => {
  it("downloads an existing blob to filePath", () => {
    const result = model.checkResourceFile({ httpUrl: `${HOST}/inputs/data/a.csv?${READ}`, filePath: "in/a.csv" }, NOW);
    expect(result).toEqual({ ok: true, files: [{ path: "in/a.csv", size: 8 }] });
  });

  it("decodes the blob path once", () => {
    const result = model.checkResourceFile({ httpUrl: `${HOST}/inputs/data%2Fa.csv?${READ}`, filePath: "a.csv" }, NOW);
    expect(result.ok).toBe(true);
  });

  it("reports an unknown storage account as BlobDownloadMiscError (server error, name not resolved)", () => {
    const result = model.checkResourceFile({ httpUrl: `https://ghost.blob.core.windows.net/inputs/x?${READ}`, filePath: "x" }, NOW);
    expect(failureOf(result)).toMatchObject({ code: "BlobDownloadMiscError", category: "ServerError" });
    expect(detail(result, "ErrorMessage")).toBe("The remote name could not be resolved: 'ghost.blob.core.windows.net'");
    expect(detail(result, "BlobSource")).toContain("sig=REDACTED");
    expect(detail(result, "BlobSource")).not.toContain("readsig");
  });

  it("reports a missing blob as BlobNotFound with the storage 404", () => {
    const result = model.checkResourceFile({ httpUrl: `${HOST}/inputs/missing.csv?${READ}`, filePath: "m.csv" }, NOW);
    expect(failureOf(result)).toMatchObject({ code: "BlobNotFound", category: "UserError" });
    expect(detail(result, "HttpStatusCode")).toBe("404");
    expect(detail(result, "ErrorMessage")).toBe("The specified blob does not exist.");
    expect(detail(result, "FilePath")).toBe("m.csv");
  });

  it("reports a missing container as BlobNotFound (ContainerNotFound)", () => {
    const result = model.checkResourceFile({ httpUrl: `${HOST}/gone/a.csv?${READ}`, filePath: "a.csv" }, NOW);
    expect(failureOf(result).code).toBe("BlobNotFound");
    expect(detail(result, "ErrorCode")).toBe("ContainerNotFound");
  });

  it.each([
    ["no SAS on a private container", "", "401", "NoAuthenticationInformation"],
    ["an expired SAS", "sp=r&se=2025-01-01T00:00:00Z&sig=x", "403", "AuthenticationFailed"],
    ["a SAS not yet valid", "sp=r&st=2026-01-01T00:00:00Z&se=2030-01-01T00:00:00Z&sig=x", "403", "AuthenticationFailed"],
    ["a SAS without read", "sp=wl&se=2030-01-01T00:00:00Z&sig=x", "403", "AuthorizationPermissionMismatch"],
  ])("reports %s as BlobAccessDenied", (_label, sas, status, errorCode) => {
    const result = model.checkResourceFile({ httpUrl: `${HOST}/inputs/data/a.csv?${sas}`, filePath: "a.csv" }, NOW);
    expect(failureOf(result)).toMatchObject({ code: "BlobAccessDenied", category: "UserError" });
    expect(detail(result, "HttpStatusCode")).toBe(status);
    expect(detail(result, "ErrorCode")).toBe(errorCode);
  });

  it("allows anonymous reads from a public container and identity-based reads from a private one", () => {
    model.addContainer("acct", "public", { publicAccess: "blob" });
    model.putBlob("acct", "public", "p.txt", "p");
    expect(model.checkResourceFile({ httpUrl: `${HOST}/public/p.txt`, filePath: "p.txt" }, NOW).ok).toBe(true);
    const viaIdentity = model.checkResourceFile(
      { httpUrl: `${HOST}/inputs/other.txt`, filePath: "o.txt", identityReference: { resourceId: "/subscriptions/x/mi" } },
      NOW,
    );
    expect(viaIdentity).toEqual({ ok: true, files: [{ path: "o.txt", size: 6 }] });
  });
});

describe("checkResourceFile by storageContainerUrl", () => {
  it("downloads the blobs under blobPrefix into filePath, keeping their names", () => {
    const result = model.checkResourceFile({ storageContainerUrl: `${HOST}/inputs?${LIST}`, blobPrefix: "data/", filePath: "in/" }, NOW);
    expect(result).toEqual({
      ok: true,
      files: [
        { path: "in/data/a.csv", size: 8 },
        { path: "in/data/sub/b.bin", size: 3 },
      ],
    });
  });

  it("downloads the whole container into the working directory by default", () => {
    const result = model.checkResourceFile({ storageContainerUrl: `${HOST}/inputs?${LIST}` }, NOW);
    expect(result.ok && result.files.map((f) => f.path)).toEqual(["data/a.csv", "data/sub/b.bin", "other.txt"]);
  });

  it("reports an unknown account as ResourceContainerListMiscError", () => {
    const result = model.checkResourceFile({ storageContainerUrl: `https://ghost.blob.core.windows.net/inputs?${LIST}` }, NOW);
    expect(failureOf(result)).toMatchObject({ code: "ResourceContainerListMiscError", category: "ServerError" });
    expect(detail(result, "ErrorMessage")).toContain("could not be resolved");
  });

  it("reports a missing container as ResourceContainerNotFound", () => {
    const result = model.checkResourceFile({ storageContainerUrl: `${HOST}/gone?${LIST}` }, NOW);
    expect(failureOf(result)).toMatchObject({ code: "ResourceContainerNotFound", category: "UserError" });
    expect(detail(result, "ErrorCode")).toBe("ContainerNotFound");
  });

  it.each([
    ["lacking list", "sp=r&se=2030-01-01T00:00:00Z&sig=x", "AuthorizationPermissionMismatch"],
    ["lacking read", "sp=l&se=2030-01-01T00:00:00Z&sig=x", "AuthorizationPermissionMismatch"],
    ["expired", "sp=rl&se=2025-01-01T00:00:00Z&sig=x", "AuthenticationFailed"],
    ["absent", "", "NoAuthenticationInformation"],
  ])("reports a SAS %s as ResourceContainerAccessDenied", (_label, sas, errorCode) => {
    const result = model.checkResourceFile({ storageContainerUrl: `${HOST}/inputs?${sas}` }, NOW);
    expect(failureOf(result)).toMatchObject({ code: "ResourceContainerAccessDenied", category: "UserError" });
    expect(detail(result, "ErrorCode")).toBe(errorCode);
  });
});

describe("checkResourceFile by autoStorageContainerName", () => {
  it("lists the linked account's container without a SAS", () => {
    model.setAutoStorageAccount("acct");
    const result = model.checkResourceFile({ autoStorageContainerName: "inputs", blobPrefix: "other" }, NOW);
    expect(result).toEqual({ ok: true, files: [{ path: "other.txt", size: 6 }] });
  });

  it("reports a missing container, and a missing link", () => {
    model.setAutoStorageAccount("acct");
    expect(failureOf(model.checkResourceFile({ autoStorageContainerName: "gone" }, NOW)).code).toBe("ResourceContainerNotFound");
    model.setAutoStorageAccount(undefined);
    expect(failureOf(model.checkResourceFile({ autoStorageContainerName: "inputs" }, NOW)).code).toBe("ResourceContainerListMiscError");
  });
});

describe("validateResourceFile", () => {
  it("flags what the service rejects at submission", () => {
    expect(validateResourceFile({ httpUrl: "https://x/y", filePath: "y" })).toBeUndefined();
    expect(validateResourceFile({})).toBeDefined();
    expect(validateResourceFile({ httpUrl: "https://x/y", storageContainerUrl: "https://x" })).toBeDefined();
    expect(validateResourceFile({ httpUrl: "https://x/y" })).toContain("filePath");
    expect(validateResourceFile({ storageContainerUrl: "https://x", filePath: "../escape" })).toBeDefined();
  });
});

describe("checkOutputUpload", () => {
  it("accepts a writable SAS on an existing container", () => {
    expect(model.checkOutputUpload(`${HOST}/outputs?${WRITE}`, NOW)).toEqual({ ok: true });
    expect(model.checkOutputUpload(`${HOST}/outputs?sp=w&se=2030-01-01&sig=x`, NOW)).toEqual({ ok: true });
  });

  it("reports an unknown account as FileUploadMiscError with a DNS failure in the log", () => {
    const result = model.checkOutputUpload(`https://ghost.blob.core.windows.net/outputs?${WRITE}`, NOW);
    expect(failureOf(result)).toMatchObject({ code: "FileUploadMiscError", category: "ServerError" });
    expect(!result.ok && result.uploadErrorLog).toContain("The remote name could not be resolved: 'ghost.blob.core.windows.net'");
  });

  it("reports a missing container as FileUploadContainerNotFound with a 404 in the log", () => {
    const result = model.checkOutputUpload(`${HOST}/gone?${WRITE}`, NOW);
    expect(failureOf(result)).toMatchObject({ code: "FileUploadContainerNotFound", category: "UserError" });
    if (result.ok) return;
    expect(result.uploadErrorLog).toContain("404 ContainerNotFound");
    expect(result.uploadErrorLog).toContain("The specified container does not exist.");
  });

  it("reports a read-only SAS as FileUploadAccessDenied with a redacted 403 log", () => {
    const result = model.checkOutputUpload(`${HOST}/outputs?sv=2022-11-02&sp=rl&se=2030-01-01T00:00:00Z&sig=topsecret`, NOW);
    expect(failureOf(result)).toMatchObject({
      code: "FileUploadAccessDenied",
      category: "UserError",
      message: "Access to one of the specified file upload destinations was denied",
    });
    if (result.ok) return;
    expect(result.uploadErrorLog).toContain("403 AuthorizationPermissionMismatch");
    expect(result.uploadErrorLog).toContain("sig=REDACTED");
    expect(result.uploadErrorLog).not.toContain("topsecret");
    expect(result.uploadErrorLog.startsWith("2025-06-01T12:00:00.000Z ")).toBe(true);
  });

  it("reports an expired or missing SAS as FileUploadAccessDenied", () => {
    const expired = model.checkOutputUpload(`${HOST}/outputs?sp=cw&se=2025-05-31T00:00:00Z&sig=x`, NOW);
    expect(failureOf(expired).code).toBe("FileUploadAccessDenied");
    expect(!expired.ok && expired.uploadErrorLog).toContain("Signature not valid in the specified time frame");
    expect(failureOf(model.checkOutputUpload(`${HOST}/outputs`, NOW)).code).toBe("FileUploadAccessDenied");
  });

  it("lets a managed identity write without a SAS", () => {
    expect(model.checkOutputUpload(`${HOST}/outputs`, NOW, { identityReference: { resourceId: "mi" } })).toEqual({ ok: true });
  });

  it("is deterministic", () => {
    const url = `${HOST}/outputs?sp=r&se=2030-01-01&sig=x`;
    expect(model.checkOutputUpload(url, NOW)).toEqual(model.checkOutputUpload(url, NOW));
  });
});
