// No "server-only" marker: start-up code (instrumentation.ts) loads this outside the React server layer.
import { readFileSync } from "node:fs";
import { readEnv, secretFromEnv } from "@/lib/env";
import { accountsFile, batchUrl, shortName } from "@/lib/schemas/account-config";
import { API_VERSIONS, DEFAULT_API_VERSION, type ApiVersion } from "@/lib/schemas/api-version";

/** One account the dashboard reads: a short name for URLs, its Batch account name and URL, a credential. */
export interface AccountConfig {
  /** The name in the dashboard's URLs. */
  name: string;
  /** The Batch account name, for SharedKey signing (defaults to `name`). */
  batchAccountName: string;
  url: string;
  /** SharedKey; absent means Microsoft Entra ID (DefaultAzureCredential). */
  key?: string;
}

export class AccountConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

/** The account variables as lib/env.ts read them. */
function accountEnv(): Env {
  const { BATCH_ACCOUNTS_FILE, BATCH_ACCOUNT_NAME, BATCH_ACCOUNT_URL, BATCH_ACCOUNT_KEY, BATCH_API_VERSION } = readEnv();
  return { BATCH_ACCOUNTS_FILE, BATCH_ACCOUNT_NAME, BATCH_ACCOUNT_URL, BATCH_ACCOUNT_KEY, BATCH_API_VERSION };
}

/**
 * Reads the configured accounts: BATCH_ACCOUNTS_FILE (several), else BATCH_ACCOUNT_NAME/URL/KEY (one),
 * else none (the embedded emulator). A mistake is reported with the variable or file entry it is in.
 */
export function readAccountConfig(env: Env = accountEnv()): AccountConfig[] {
  const file = env.BATCH_ACCOUNTS_FILE;
  if (file) return readAccountsFile(file, env);
  if (!env.BATCH_ACCOUNT_NAME && !env.BATCH_ACCOUNT_URL && !env.BATCH_ACCOUNT_KEY) return [];
  const problems: string[] = [];
  const name = shortName.safeParse(env.BATCH_ACCOUNT_NAME ?? "");
  if (!name.success) problems.push(`BATCH_ACCOUNT_NAME must be set: ${name.error.issues[0]!.message}`);
  const url = batchUrl.safeParse(env.BATCH_ACCOUNT_URL ?? "");
  if (!url.success) problems.push(`BATCH_ACCOUNT_URL must be ${url.error.issues[0]!.message}`);
  if (env.BATCH_ACCOUNT_KEY !== undefined && !isBase64Key(env.BATCH_ACCOUNT_KEY))
    problems.push("BATCH_ACCOUNT_KEY must be the account's base64 shared key (or unset, for Microsoft Entra ID)");
  if (problems.length > 0) throw new AccountConfigError(problems.join("; "));
  return [{ name: name.data!, batchAccountName: name.data!, url: trimUrl(url.data!), ...(env.BATCH_ACCOUNT_KEY ? { key: env.BATCH_ACCOUNT_KEY } : {}) }];
}

/**
 * The file's JSON. The file may hold keys, and this message is printed at start-up, so it says where the
 * file is wrong (line and column) and never quotes it: the parser's own message does quote a fragment.
 */
function parseAccountsFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new AccountConfigError(`BATCH_ACCOUNTS_FILE=${path} could not be read (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = /at position (\d+)/.exec((e as Error).message);
    throw new AccountConfigError(
      `BATCH_ACCOUNTS_FILE=${path} could not be read as JSON: ${at ? `invalid JSON at ${lineAndColumn(text, Number(at[1]))}` : "invalid JSON"}`,
    );
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function readAccountsFile(path: string, env: Env): AccountConfig[] {
  const raw = parseAccountsFile(path);
  // Checked against the form it takes (a list, or an object with accounts), so a bad entry is named rather
  // than the union's "(top level): Invalid input". zod's messages say what a field must be, never its value.
  const parsed = accountsFile.options[Array.isArray(raw) ? 0 : 1].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AccountConfigError(`BATCH_ACCOUNTS_FILE=${path}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.accounts;
  if (list.length === 0) throw new AccountConfigError(`BATCH_ACCOUNTS_FILE=${path} lists no accounts`);
  const seen = new Set<string>();
  return list.map((a, i) => {
    const where = `BATCH_ACCOUNTS_FILE=${path}: accounts[${i}] (${a.name})`;
    if (seen.has(a.name.toLowerCase())) throw new AccountConfigError(`${where}: the name is used twice`);
    seen.add(a.name.toLowerCase());
    if (a.key && a.keyEnv) throw new AccountConfigError(`${where}: give key or keyEnv, not both`);
    const key = a.keyEnv ? (env[a.keyEnv] ?? secretFromEnv(a.keyEnv)) : a.key;
    if (a.keyEnv && !key) throw new AccountConfigError(`${where}: keyEnv names ${a.keyEnv}, which is not set`);
    if (key !== undefined && !isBase64Key(key)) throw new AccountConfigError(`${where}: the key is not base64`);
    return { name: a.name, batchAccountName: a.batchAccountName ?? a.name, url: trimUrl(a.url), ...(key ? { key } : {}) };
  });
}

/**
 * BATCH_API_VERSION: the data-plane version every call carries (docs/real-service.md "API versions").
 * Unset or empty is the default; anything else must be one of the versions the dashboard knows.
 */
export function readApiVersion(env: Env = accountEnv()): ApiVersion {
  const raw = env.BATCH_API_VERSION?.trim();
  if (!raw) return DEFAULT_API_VERSION;
  const known = API_VERSIONS.find((v) => v === raw);
  if (!known)
    throw new AccountConfigError(
      `BATCH_API_VERSION=${raw.slice(0, 40)} is not a Batch API version this dashboard speaks; use ${API_VERSIONS.join(" or ")} (or leave it unset for ${DEFAULT_API_VERSION})`,
    );
  return known;
}

const trimUrl = (url: string) => url.replace(/\/+$/, "");
const isBase64Key = (key: string) => /^[A-Za-z0-9+/]+={0,2}$/.test(key) && key.length % 4 === 0;
