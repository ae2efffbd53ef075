import { CONTAINER_NOT_FOUND, detailsFor, fromRejection, requestId, unresolved, type StorageAnswer } from "./answers";
import { locate } from "./locate";
import { checkSas, redactSignature } from "./sas";
import type { FailureInfo, OutputUploadOptions, StorageAccounts, UploadResult } from "./types";

const MISC_MESSAGE = "Miscellaneous error encountered while uploading one of the output files";

/** The fileuploaderr.txt the node agent leaves in the task directory when an upload fails. */
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

/** Decides whether output files could be uploaded to one `outputFiles[].destination.container.containerUrl`. */
export function checkOutputUpload(accounts: StorageAccounts, containerUrl: string, nowMs: number, options: OutputUploadOptions): UploadResult {
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

  const loc = locate(containerUrl, accounts);
  if (loc.kind === "invalid") return fail("FileUploadMiscError", "ServerError", MISC_MESSAGE, { message: loc.reason });
  if (loc.kind === "unresolved") return fail("FileUploadMiscError", "ServerError", MISC_MESSAGE, unresolved(loc.host));

  if (options.identityReference === undefined) {
    // Even a public container never accepts anonymous writes, so a SAS (or identity) is always needed.
    const rejection = checkSas(loc.sas, { target: "object", permissions: [["w", "c"]] }, nowMs);
    if (rejection) {
      const message = "Access to one of the specified file upload destinations was denied";
      return fail("FileUploadAccessDenied", "UserError", message, fromRejection(rejection));
    }
  }
  if (!accounts.get(loc.account)?.has(loc.container)) {
    const message = "One of the specified file upload destination containers was not found";
    return fail("FileUploadContainerNotFound", "UserError", message, CONTAINER_NOT_FOUND);
  }
  return { ok: true };
}
