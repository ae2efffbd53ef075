/**
 * Secrets taken out of text Batch gives us before it is shown or saved: command lines, start-task command
 * lines, failure and node error messages and their name/value details, resource and output file URLs, and
 * the evidence saved into the audit log. It runs once, where Batch data becomes API data (lib/batch), so
 * pages, the API's JSON, evidence and the audit store all hold the redacted text.
 *
 * What is redacted (the value is replaced by REDACTED, the rest is kept so the text still reads):
 * - URLs: a SAS signature (`sig=`), and the password of `scheme://user:password@host`;
 * - `name=value` and `"name": "value"` where the name looks secret: password, passwd, pwd, secret,
 *   client_secret, token (access_token, sas_token …), api key, account/access key, AccountKey and
 *   SharedAccessKey of connection strings, credential, connection string;
 * - long options with a value, `--password X` or `--password=X` (and --pass, --secret, --client-secret,
 *   --token, --sas-token, --api-key, --account-key, --connection-string …), and Windows' `/pass:X`;
 * - `-p`, only where the tool means a password by it: `sshpass -p X`, `docker login … -p X`,
 *   `az login … -p X`, and MySQL's attached form `mysql -pX`. Elsewhere `-p` is a port, a path or a
 *   parent flag (`docker run -p 8080:80`, `mkdir -p`, `psql -p 5432`) and stays;
 * - `net user NAME PASSWORD` (cmd's way to set a password on the command line);
 * - `Bearer X` and `Authorization: Basic X` credentials, and anything shaped like a JWT (`eyJ….eyJ….…`);
 * - storage and Batch account keys: base64 of 64 bytes (88 characters ending in `==`).
 * The rules err towards keeping text: a secret in a shape not listed here is not found. Each rule starts
 * only at the start of a word or run and looks a bounded distance ahead, so 64 KiB of hostile stderr
 * (evidence) takes milliseconds, not the event loop.
 */
export const REDACTED = "[redacted]";

/** A value as a shell writes it: quoted (kept quoted) or a run up to a space or a separator. */
const VALUE = String.raw`"[^"]*"|'[^']*'|[^\s"';&|]+`;
const quoteKept = (value: string) => (/^["']/.test(value) ? `${value[0]}${REDACTED}${value[0]}` : REDACTED);

const SECRET_NAME =
  /password|passwd|(^|[_.-])(pass|pwd)$|secret|(^|[_.-])(access|auth|sas|bearer|refresh|id|api|session)?[_-]?token$|api[_-]?key|(account|access|storage|shared[_-]?access)[_-]?key|sharedaccesssignature|credential|conn(ection)?[_-]?str(ing)?|^sig$/i;

/** Names that point at a secret rather than hold one: `--password-stdin`, `PASSWORD_FILE=/run/secrets/db`. */
const POINTS_AT_SECRET = /[_.-](stdin|file|path|env|name)$/i;

/** Whether a setting, option or query parameter of this name holds a secret. */
export const looksSecret = (name: string) => SECRET_NAME.test(name) && !POINTS_AT_SECRET.test(name);

/**
 * Rules whose name decides: groups are (head)(name)(value). A match whose name is not secret gives back
 * only its head, so a value it spans (`sh -c '… --password x'`) is searched again.
 */
const NAMED: [RegExp, (name: string, value: string) => boolean][] = [
  // `"password": "x"` in JSON-ish messages.
  [/("([\w.-]+)"\s*:\s*)("(?:[^"\\]|\\.)*")/g, (name) => looksSecret(name)],
  // `--password X`, `--password=X`, `-Password X` (PowerShell).
  [new RegExp(String.raw`((?:^|\s)--?([A-Za-z][\w-]*)(?:\s+|=))(${VALUE})`, "g"), (name, value) => optionIsSecret(name) && !value.startsWith("-")],
  // `name=value`: query parameters, environment settings, connection string parts.
  [new RegExp(String.raw`((?:^|[\s?&;,"'(])\$?(?:env:)?([\w.-]+)\s*=\s*)(${VALUE})`, "gi"), (name) => looksSecret(name)],
];

/** Rules that match only secrets: the value's group is replaced. */
const FIXED: [RegExp, (...m: string[]) => string][] = [
  // `scheme://user:password@host`
  [/((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:)([^\s/@"']+)(@)/gi, (_, head, __, at) => `${head}${REDACTED}${at}`],
  [new RegExp(String.raw`((?:^|\s)\/(?:pass|password|p(?=:)):)(${VALUE})`, "gi"), (_, head, value) => `${head}${quoteKept(value!)}`],
  // Case matters here: `-P` is MySQL's port.
  [
    new RegExp(String.raw`(\b(?:sshpass|docker\s+login|az\s+login)\b[^;&|\n]{0,200}?\s-p\s*)(${VALUE})`, "g"),
    (_, head, value) => `${head}${quoteKept(value!)}`,
  ],
  [/(\bmysql(?:dump|admin|import|show|check)?\b[^;&|\n]{0,200}?\s-p)([^\s"';&|]+)/g, (_, head) => `${head}${REDACTED}`],
  [new RegExp(String.raw`(\bnet(?:\.exe)?\s+user\s+(?:"[^"]*"|\S+)\s+)(?!\/)(${VALUE})`, "gi"), (_, head, value) => `${head}${quoteKept(value!)}`],
  [/\b(Bearer|Authorization:\s*Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/gi, (_, scheme) => `${scheme} ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, () => REDACTED],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g, () => REDACTED],
];

function replaceNamed(text: string, pattern: RegExp, isSecret: (name: string, value: string) => boolean): string {
  let out = "";
  let from = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [, head, name, value] = m as unknown as [string, string, string, string];
    const secret = isSecret(name, value);
    out += text.slice(from, m.index) + head + (secret ? quoteKept(value) : "");
    from = m.index + head.length + (secret ? value.length : 0);
    pattern.lastIndex = from;
  }
  return out + text.slice(from);
}

/** Options whose value is a secret; `-p` is judged with the tool it belongs to (the rules above). */
const optionIsSecret = (name: string) => name.length > 1 && looksSecret(name.replace(/-/g, "_"));

/** The text with every secret the rules above recognise replaced by REDACTED. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, isSecret] of NAMED) out = replaceNamed(out, pattern, isSecret);
  for (const [pattern, replace] of FIXED) out = out.replace(pattern, replace as (...m: string[]) => string);
  return out;
}

/** A Batch name/value pair (error details, resize error values): the whole value when the name looks secret. */
export function redactPair(pair: { name: string; value: string }): { name: string; value: string } {
  return { name: pair.name, value: looksSecret(pair.name) ? REDACTED : redactSecrets(pair.value) };
}
