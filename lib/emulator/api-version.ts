import { Errors } from "./errors";

/**
 * The data-plane API versions the emulator serves, and every place their behaviour differs, in one table
 * so a handler asks "does this version have X" and never compares version strings itself.
 * Sources: the 2025-06-01 and 2022-10-01.16.0 specs, summarised in docs/real-service.md "API versions".
 */
export const API_VERSIONS = ["2025-06-01", "2022-10-01.16.0"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const NEWEST_API_VERSION: ApiVersion = "2025-06-01";

export interface VersionRules {
  /** GET …/nodes/{id}/rdp exists (removed in 2025-06-01). */
  rdpFile: boolean;
  /** Pools carry cloudServiceConfiguration (removed from the pool schema in 2025-06-01). */
  cloudServiceConfiguration: boolean;
  /** POST …/nodes/{id}/deallocate and …/start exist, and node counts carry deallocated/deallocating/upgradingOS. */
  deallocation: boolean;
  /** Reimage is accepted on virtual-machine nodes, not only on cloud-service ones. */
  reimageVirtualMachines: boolean;
}

const RULES: Record<ApiVersion, VersionRules> = {
  "2025-06-01": { rdpFile: false, cloudServiceConfiguration: false, deallocation: true, reimageVirtualMachines: true },
  "2022-10-01.16.0": { rdpFile: true, cloudServiceConfiguration: true, deallocation: false, reimageVirtualMachines: false },
};

export const rulesOf = (v: ApiVersion): VersionRules => RULES[v];

/**
 * The api-version of a request, refused as the service refuses it: missing is MissingRequiredQueryParameter,
 * an unknown value InvalidQueryParameterValue naming the parameter and the value (400 both).
 */
export function requestApiVersion(query: URLSearchParams): ApiVersion {
  const given = query.get("api-version");
  if (!given) throw Errors.missingApiVersion();
  const known = API_VERSIONS.find((v) => v === given);
  if (!known) throw Errors.unsupportedApiVersion(given, API_VERSIONS);
  checkTimeout(query);
  return known;
}

/**
 * The SDK built for 2022-10-01.16.0 sends `timeout=30`; the 2025-06-01 spec names the parameter `timeOut`.
 * Both spellings are taken (query names compared without case), and either must be a whole number of seconds.
 */
function checkTimeout(query: URLSearchParams): void {
  for (const [name, value] of query) {
    if (name.toLowerCase() !== "timeout") continue;
    if (!/^[0-9]{1,9}$/.test(value) || Number(value) < 1)
      throw Errors.invalidQueryParameter(name, value, "The timeout is a whole number of seconds, at least 1.");
  }
}

/**
 * A pool as this version shows it. 2025-06-01's BatchPool has no cloudServiceConfiguration, so a legacy
 * cloud-service pool is listed without it (and without virtualMachineConfiguration, which it never had)
 * rather than refused: the service keeps answering for pools it holds, and one legacy pool must not make
 * the whole pool list fail (docs/real-service.md "API versions").
 */
export function poolForVersion<T extends { cloudServiceConfiguration?: unknown }>(pool: T, v: ApiVersion): T {
  if (rulesOf(v).cloudServiceConfiguration || pool.cloudServiceConfiguration === undefined) return pool;
  const shown = { ...pool };
  delete shown.cloudServiceConfiguration;
  return shown;
}
