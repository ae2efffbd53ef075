import { createHash } from "node:crypto";
import type { SasRejection } from "./sas";

/** What the Blob service would have answered, for failure details and fileuploaderr.txt. */
export interface StorageAnswer {
  status?: number;
  errorCode?: string;
  message: string;
  authenticationErrorDetail?: string;
}

export const CONTAINER_NOT_FOUND: StorageAnswer = {
  status: 404,
  errorCode: "ContainerNotFound",
  message: "The specified container does not exist.",
};
export const BLOB_NOT_FOUND: StorageAnswer = { status: 404, errorCode: "BlobNotFound", message: "The specified blob does not exist." };

/** Storage request ids are GUIDs ending in zeros; derive one from the inputs so output stays deterministic. */
export function requestId(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 26)}000000`;
}

/** The failureInfo details Batch attaches for a storage answer. */
export function detailsFor(answer: StorageAnswer): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  if (answer.status !== undefined) out.push({ name: "HttpStatusCode", value: String(answer.status) });
  if (answer.errorCode !== undefined) out.push({ name: "ErrorCode", value: answer.errorCode });
  out.push({ name: "ErrorMessage", value: answer.message });
  if (answer.authenticationErrorDetail !== undefined) {
    out.push({ name: "AuthenticationErrorDetail", value: answer.authenticationErrorDetail });
  }
  return out;
}

export function unresolved(host: string): StorageAnswer {
  return { message: `The remote name could not be resolved: '${host}'` };
}

export function fromRejection(r: SasRejection): StorageAnswer {
  const answer: StorageAnswer = { status: r.status, errorCode: r.errorCode, message: r.message };
  if (r.authenticationErrorDetail !== undefined) answer.authenticationErrorDetail = r.authenticationErrorDetail;
  return answer;
}
