import { Errors } from "../errors";
import type { NodeRecord, NodeState, NodeUser } from "../model/types";

export type { NodeUser };

/** User accounts on a node (POST/PUT/DELETE pools/{p}/nodes/{n}/users), with Batch's rules. */
export type NodeOs = "linux" | "windows";

/** "If omitted, the default is 1 day from the current time" (ComputeNodeUser.expiryTime). */
const DEFAULT_EXPIRY_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** .NET's DateTime.MinValue, which its SDK sends for "not set"; the service answered 201 (docs/real-service.md). */
const DOTNET_MIN_DATE = Date.parse("0001-01-01T00:00:00Z");

/**
 * "For Linux Compute Nodes, the expiryTime has a precision up to a day" (NodeUpdateUserParameter.expiryTime): a
 * Linux account lasts until the end of the UTC day of the requested expiry, i.e. the next UTC midnight.
 * Windows nodes keep the exact time.
 */
export function effectiveExpiryMs(requestedMs: number, os: NodeOs): number {
  return os === "linux" ? Math.ceil(requestedMs / DAY_MS) * DAY_MS : requestedMs;
}

/**
 * Batch publishes no rule for user names, so the operating system's own applies: useradd's default
 * NAME_REGEX on Linux, the SAM account rules (20 characters, no "/\[]:;|=,+*?<>@) on Windows. Names that
 * would shadow the node's own accounts are refused too.
 */
const LINUX_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const WINDOWS_FORBIDDEN = /["/\\[\]:;|=,+*?<>@\u0000-\u001f]/;
const RESERVED = new Set(["root", "administrator", "guest", "defaultaccount", "wdagutilityaccount"]);

export function userNameProblem(name: string, os: NodeOs): string | undefined {
  if (name.toLowerCase().startsWith("_azbatch") || RESERVED.has(name.toLowerCase())) return `'${name}' is reserved on the node.`;
  if (os === "linux") {
    return LINUX_NAME.test(name)
      ? undefined
      : "A Linux user name starts with a lowercase letter or underscore, then up to 31 lowercase letters, digits, '_' or '-'.";
  }
  if (name.length > 20) return "A Windows user name has at most 20 characters.";
  if (WINDOWS_FORBIDDEN.test(name) || /^[. ]+$/.test(name))
    return 'A Windows user name cannot contain " / \\ [ ] : ; | = , + * ? < > @ or consist only of dots and spaces.';
  return undefined;
}

const KEY_TYPES = new Set([
  "ssh-rsa",
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
]);

/**
 * An OpenSSH public key line: "<type> <base64 blob> [comment]", where the blob itself starts with the
 * length-prefixed type name and the key's own fields. Checking the blob catches a pasted private key, a
 * truncated paste or a key whose type word was edited.
 */
export function sshKeyProblem(key: string): string | undefined {
  const reason = "Expected one OpenSSH public key line such as 'ssh-ed25519 AAAAC3Nza… comment'.";
  if (/[\r\n]/.test(key.trim())) return reason;
  const [type, blob] = key.trim().split(/\s+/);
  if (!type || !blob || !KEY_TYPES.has(type) || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return reason;
  const fields = wireFields(Buffer.from(blob, "base64"));
  if (!fields || fields.length < 2 || fields[0]!.toString("latin1") !== type) return reason;
  if (type === "ssh-ed25519" && (fields.length !== 2 || fields[1]!.length !== 32)) return reason;
  return undefined;
}

/** Splits an SSH wire blob into its length-prefixed fields; undefined if one runs past the end. */
function wireFields(bytes: Buffer): Buffer[] | undefined {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) return undefined;
    const length = bytes.readUInt32BE(at);
    if (at + 4 + length > bytes.length) return undefined;
    fields.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

interface Credentials {
  password?: string;
  sshPublicKey?: string;
  expiryTime?: unknown;
}

function optionalString(b: Record<string, unknown>, name: "password" | "sshPublicKey"): string | undefined {
  const v = b[name];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") throw Errors.invalidSecretProperty(name, "Expected a string.");
  return v;
}

/** The rules both add and update apply to the password, SSH key and expiry (ComputeNodeUser docs). */
function checkCredentials(b: Record<string, unknown>, os: NodeOs, nowMs: number): Pick<NodeUser, "expiryMs" | "hasPassword" | "hasSshKey"> {
  const creds: Credentials = {
    password: optionalString(b, "password"),
    sshPublicKey: optionalString(b, "sshPublicKey"),
    expiryTime: b.expiryTime,
  };
  if (creds.sshPublicKey !== undefined) {
    // The SDK docs: an SSH key on a Windows node is rejected with HTTP 400.
    if (os === "windows")
      throw Errors.invalidSecretProperty("sshPublicKey", "An SSH public key can only be given for Linux nodes; Windows nodes take a password.");
    const problem = sshKeyProblem(creds.sshPublicKey);
    if (problem) throw Errors.invalidSecretProperty("sshPublicKey", problem);
  }
  if (os === "windows" && creds.password === undefined) throw Errors.missingProperty("password");
  // Batch does not document a user with neither; such an account could never sign in, so it is refused
  // with the closest catalogued code.
  if (os === "linux" && creds.password === undefined && creds.sshPublicKey === undefined) throw Errors.missingProperty("sshPublicKey");

  let expiryMs = nowMs + DEFAULT_EXPIRY_MS;
  if (creds.expiryTime !== undefined && creds.expiryTime !== null) {
    const parsed = typeof creds.expiryTime === "string" ? Date.parse(creds.expiryTime) : Number.NaN;
    if (Number.isNaN(parsed)) throw Errors.invalidProperty("expiryTime", creds.expiryTime, "Expected an ISO 8601 date-time.");
    // No dedicated code is catalogued for an expiry in the past; InvalidPropertyValue is the closest.
    if (parsed !== DOTNET_MIN_DATE && parsed <= nowMs) throw Errors.invalidProperty("expiryTime", creds.expiryTime, "The expiry time must be in the future.");
    if (parsed !== DOTNET_MIN_DATE) expiryMs = parsed;
  }
  return {
    expiryMs: effectiveExpiryMs(expiryMs, os),
    hasPassword: creds.password !== undefined,
    hasSshKey: creds.sshPublicKey !== undefined,
  };
}

/**
 * "You can add a user Account to a Compute Node only when it is in the idle or running state." Offline
 * (scheduling disabled) and starttaskfailed nodes are up and reachable too, and signing in to them is how
 * a failed start task is investigated, so they are allowed; the other states get the node-state 409s.
 */
const USER_STATES: ReadonlySet<NodeState> = new Set(["idle", "running", "offline", "starttaskfailed"]);
const BUSY_CODES: Partial<Record<NodeState, string>> = {
  rebooting: "NodeBeingRebooted",
  reimaging: "NodeBeingReimaged",
  creating: "NodeBeingCreated",
  starting: "NodeBeingStarted",
  waitingforstarttask: "NodeBeingStarted",
  unusable: "NodeStateUnusable",
};

function requireReachable(node: NodeRecord): void {
  const state = node.wire.state;
  if (!USER_STATES.has(state)) throw Errors.nodeState(BUSY_CODES[state] ?? "OperationInvalidForCurrentState", state);
}

export function addNodeUser(node: NodeRecord, b: Record<string, unknown>, os: NodeOs, nowMs: number): NodeUser {
  const name = b.name;
  if (name === undefined || name === null || name === "") throw Errors.missingProperty("name");
  if (typeof name !== "string") throw Errors.invalidProperty("name", name, "Expected a string.");
  const problem = userNameProblem(name, os);
  if (problem) throw Errors.invalidProperty("name", name, problem);
  if (b.isAdmin !== undefined && b.isAdmin !== null && typeof b.isAdmin !== "boolean")
    throw Errors.invalidProperty("isAdmin", b.isAdmin, "Expected true or false.");
  const creds = checkCredentials(b, os, nowMs);
  requireReachable(node);
  // Windows account names are case-insensitive; Linux ones are not.
  const key = os === "windows" ? name.toLowerCase() : name;
  if (node.users.has(key)) throw Errors.nodeUserExists();
  const user: NodeUser = { name, isAdmin: b.isAdmin === true, ...creds };
  node.users.set(key, user);
  return user;
}

/** PUT replaces the password, key and expiry: whatever is omitted is removed or reset to the default. */
export function updateNodeUser(node: NodeRecord, userName: string, b: Record<string, unknown>, os: NodeOs, nowMs: number): NodeUser {
  const key = os === "windows" ? userName.toLowerCase() : userName;
  const existing = node.users.get(key);
  if (!existing) throw Errors.nodeUserNotFound();
  const creds = checkCredentials(b, os, nowMs);
  requireReachable(node);
  const user: NodeUser = { ...existing, ...creds };
  node.users.set(key, user);
  return user;
}

export function deleteNodeUser(node: NodeRecord, userName: string, os: NodeOs): void {
  const key = os === "windows" ? userName.toLowerCase() : userName;
  if (!node.users.has(key)) throw Errors.nodeUserNotFound();
  requireReachable(node);
  node.users.delete(key);
}
