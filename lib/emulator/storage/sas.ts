/**
 * Just enough of an Azure Storage shared access signature to decide whether a
 * request would be authorised. Signatures are never verified: the model has no
 * account keys, so any non-empty `sig` counts as genuine.
 */

export interface Sas {
  /** `sp`, e.g. "racwdl"; empty when absent. */
  permissions: string;
  /** `se`; an Invalid Date when present but unparseable. */
  expiry?: Date;
  /** `st`; an Invalid Date when present but unparseable. */
  start?: Date;
  /** `sig`. */
  signature?: string;
  /** `sr` on a service SAS: "c" container, "b" blob, … */
  resource?: string;
  /** `ss` on an account SAS: services, e.g. "bfqt". */
  services?: string;
  /** `srt` on an account SAS: resource types, e.g. "sco". */
  resourceTypes?: string;
  /** `si`: a stored access policy may carry the expiry and permissions instead of the URL. */
  identifier?: string;
}

const SAS_PARAMS = ["sv", "sp", "se", "st", "sig", "sr", "ss", "srt", "si", "spr", "sip"] as const;

export function parseSas(query: URLSearchParams): Sas | undefined {
  if (!SAS_PARAMS.some((name) => query.has(name))) return undefined;
  const sas: Sas = { permissions: query.get("sp") ?? "" };
  const se = query.get("se");
  const st = query.get("st");
  const sig = query.get("sig");
  const sr = query.get("sr");
  const ss = query.get("ss");
  const srt = query.get("srt");
  const si = query.get("si");
  if (se !== null) sas.expiry = new Date(se);
  if (st !== null) sas.start = new Date(st);
  if (sig !== null && sig !== "") sas.signature = sig;
  if (sr !== null) sas.resource = sr;
  if (ss !== null) sas.services = ss;
  if (srt !== null) sas.resourceTypes = srt;
  if (si !== null && si !== "") sas.identifier = si;
  return sas;
}

/** What the request is about to do, in SAS terms. */
export interface SasNeed {
  /** Any one of these permission letters suffices for each entry, e.g. ["w", "c"] for create-or-write. */
  permissions: string[][];
  /** "container" for list operations, "object" for blob reads and writes. */
  target: "container" | "object";
}

/** A storage-side refusal, phrased as the Blob service would answer it. */
export interface SasRejection {
  status: 401 | 403;
  errorCode: string;
  message: string;
  /** Storage's AuthenticationErrorDetail, when it sends one. */
  authenticationErrorDetail?: string;
}

const AUTH_FAILED = "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.";

function rfc1123(date: Date): string {
  return date.toUTCString();
}

/**
 * Returns why storage would reject a request carrying `sas` (undefined = authorised).
 * Order mirrors the service: malformed/expired signatures fail authentication (403
 * AuthenticationFailed) before permissions are considered (403 AuthorizationPermissionMismatch).
 */
export function checkSas(sas: Sas | undefined, need: SasNeed, nowMs: number): SasRejection | undefined {
  if (!sas || sas.signature === undefined) {
    return {
      status: 401,
      errorCode: "NoAuthenticationInformation",
      message: "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.",
    };
  }
  if (sas.expiry === undefined && sas.identifier === undefined) {
    return {
      status: 403,
      errorCode: "AuthenticationFailed",
      message: AUTH_FAILED,
      authenticationErrorDetail: "Signed expiry field must be specified (se).",
    };
  }
  if (sas.expiry !== undefined && Number.isNaN(sas.expiry.getTime())) {
    return {
      status: 403,
      errorCode: "AuthenticationFailed",
      message: AUTH_FAILED,
      authenticationErrorDetail: "se is not in a valid ISO 8601 format.",
    };
  }
  if (sas.start !== undefined && Number.isNaN(sas.start.getTime())) {
    return {
      status: 403,
      errorCode: "AuthenticationFailed",
      message: AUTH_FAILED,
      authenticationErrorDetail: "st is not in a valid ISO 8601 format.",
    };
  }
  const now = new Date(nowMs);
  const expired = sas.expiry !== undefined && nowMs > sas.expiry.getTime();
  const early = sas.start !== undefined && nowMs < sas.start.getTime();
  if (expired || early) {
    const start = sas.start ? rfc1123(sas.start) : "";
    const expiry = sas.expiry ? rfc1123(sas.expiry) : "";
    return {
      status: 403,
      errorCode: "AuthenticationFailed",
      message: AUTH_FAILED,
      authenticationErrorDetail: `Signature not valid in the specified time frame: Start [${start}] - Expiry [${expiry}] - Current [${rfc1123(now)}]`,
    };
  }
  if (sas.services !== undefined && !sas.services.includes("b")) {
    return {
      status: 403,
      errorCode: "AuthorizationServiceMismatch",
      message: "This request is not authorized to perform this operation using this service.",
    };
  }
  const typeLetter = need.target === "container" ? "c" : "o";
  const wrongAccountSasType = sas.resourceTypes !== undefined && !sas.resourceTypes.includes(typeLetter);
  // A blob-scoped service SAS (sr=b) cannot list a container.
  const wrongServiceSasType = need.target === "container" && sas.resource !== undefined && sas.resource !== "c";
  if (wrongAccountSasType || wrongServiceSasType) {
    return {
      status: 403,
      errorCode: "AuthorizationResourceTypeMismatch",
      message: "This request is not authorized to perform this operation using this resource type.",
    };
  }
  // With a stored access policy the permissions may live server-side; the model cannot see them, so trust the policy.
  const permissionsKnown = !(sas.identifier !== undefined && sas.permissions === "");
  if (permissionsKnown) {
    for (const alternatives of need.permissions) {
      if (!alternatives.some((letter) => sas.permissions.includes(letter))) {
        return {
          status: 403,
          errorCode: "AuthorizationPermissionMismatch",
          message: "This request is not authorized to perform this operation using this permission.",
        };
      }
    }
  }
  return undefined;
}

/** Hides the `sig` value so logs and failure details can show a SAS URL without leaking a usable credential. */
export function redactSignature(url: string): string {
  return url.replace(/([?&]sig=)[^&#]*/gi, "$1REDACTED");
}
