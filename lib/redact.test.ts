import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REDACTED, redactPair, redactSecrets } from "./redact";

const KEY = Buffer.alloc(64, 7).toString("base64");
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbmEiLCJleHAiOjE3OTk5OTk5OTl9.c2lnbmF0dXJlLWJ5dGVz";

describe("redactSecrets on Batch command lines", () => {
  it.each([
    [
      'azcopy copy "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=abc%2Bdef&se=2027-01-01T00%3A00%3A00Z" .',
      `azcopy copy "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=${REDACTED}&se=2027-01-01T00%3A00%3A00Z" .`,
    ],
    ["cmd /c net user builder P@ss w0rd /add", `cmd /c net user builder ${REDACTED} w0rd /add`],
    ["cmd /c net user builder /delete", "cmd /c net user builder /delete"],
    ["/bin/sh -c 'mysql -h db -u root -pS3cret! etl < load.sql'", `/bin/sh -c 'mysql -h db -u root -p${REDACTED} etl < load.sql'`],
    ["mysql -h db -P 3306 -p etl", "mysql -h db -P 3306 -p etl"],
    ["sshpass -p 'hunter 2' ssh batch@10.0.0.4 ./run.sh", `sshpass -p '${REDACTED}' ssh batch@10.0.0.4 ./run.sh`],
    [
      "docker login -u app -p Zz9-secret myreg.azurecr.io && docker run -p 8080:80 myreg.azurecr.io/app",
      `docker login -u app -p ${REDACTED} myreg.azurecr.io && docker run -p 8080:80 myreg.azurecr.io/app`,
    ],
    ["echo $TOKEN | docker login --password-stdin myreg.azurecr.io", "echo $TOKEN | docker login --password-stdin myreg.azurecr.io"],
    ["az login --service-principal -u 1111 -p 'a~b.c' --tenant t", `az login --service-principal -u 1111 -p '${REDACTED}' --tenant t`],
    ["python train.py --password hunter2 --epochs 3", `python train.py --password ${REDACTED} --epochs 3`],
    // Inside another option's quoted value, as `sh -c` and `cmd /c` wrap every Batch command line.
    ["/bin/sh -c 'tool --password hunter2 >&2; exit 3'", `/bin/sh -c 'tool --password ${REDACTED} >&2; exit 3'`],
    ["env FOO='x PASSWORD=y z' run", `env FOO='x PASSWORD=${REDACTED} z' run`],
    ['python train.py --client-secret="x y" --lr=0.1', `python train.py --client-secret="${REDACTED}" --lr=0.1`],
    ["tool --token abc.def --max-tokens 100 --token-file /run/t", `tool --token ${REDACTED} --max-tokens 100 --token-file /run/t`],
    ["/bin/bash -c 'export DB_PASSWORD=pa55 PATH=/usr/bin; run'", `/bin/bash -c 'export DB_PASSWORD=${REDACTED} PATH=/usr/bin; run'`],
    ["cmd /c set API_KEY=k-123&& run.exe", `cmd /c set API_KEY=${REDACTED}&& run.exe`],
    ["powershell -c \"$env:CLIENT_SECRET = 's3'; ./go.ps1\"", `powershell -c "$env:CLIENT_SECRET = '${REDACTED}'; ./go.ps1"`],
    [
      `app --conn "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};EndpointSuffix=core.windows.net"`,
      `app --conn "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${REDACTED};EndpointSuffix=core.windows.net"`,
    ],
    [`upload ${KEY} now`, `upload ${REDACTED} now`],
    ["curl -H 'Authorization: Bearer abcdefgh.ijkl' https://x", `curl -H 'Authorization: Bearer ${REDACTED}' https://x`],
    ["curl -H 'Authorization: Basic dXNlcjpwYXNz' https://x", `curl -H 'Authorization: Basic ${REDACTED}' https://x`],
    [`send ${JWT}`, `send ${REDACTED}`],
    ["curl -d client_id=app&client_secret=zzz&grant_type=client_credentials", `curl -d client_id=app&client_secret=${REDACTED}&grant_type=client_credentials`],
    ["git clone https://bot:ghp_abc123@github.com/o/r.git", `git clone https://bot:${REDACTED}@github.com/o/r.git`],
    ["cmdkey /generic:srv /user:u /pass:Pw1", `cmdkey /generic:srv /user:u /pass:${REDACTED}`],
  ])("%s", (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it("leaves ordinary arguments alone: ports, paths, flags, ids and Batch's own messages", () => {
    for (const text of [
      "docker run -p 8080:80 -v /mnt:/mnt img",
      "mkdir -p /mnt/batch/tasks/shared && cp -p a b",
      "psql -h db -p 5432 -U etl",
      "python train.py --epochs 3 --batch-size=64 --key-column id",
      "The task's resource file https://acct.blob.core.windows.net/c/f?sv=2022-11-02&se=2027-01-01 could not be downloaded.",
      "ffmpeg -i in.mp4 -b:v 2M out.mp4",
      "Basic settings were applied; Bearer tokens are not used",
    ])
      expect(redactSecrets(text)).toBe(text);
  });

  it("redacts a name/value detail by its name, and the URL in its value", () => {
    expect(redactPair({ name: "Password", value: "x" })).toEqual({ name: "Password", value: REDACTED });
    expect(redactPair({ name: "BlobSource", value: "https://a/b?sig=zz&sp=r" })).toEqual({ name: "BlobSource", value: `https://a/b?sig=${REDACTED}&sp=r` });
  });
});

describe("redactSecrets, properties", () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9._~+]{8,24}$/).filter((s) => !s.startsWith("-"));
  const word = fc.stringMatching(/^[a-z][a-z0-9./:-]{0,12}$/);
  const noise = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(" "));
  const shape = fc.constantFrom(
    (s: string) => `--password ${s}`,
    (s: string) => `--password=${s}`,
    (s: string) => `sshpass -p ${s} ssh h`,
    (s: string) => `mysql -u root -p${s} db`,
    (s: string) => `https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=${s}&sp=r`,
    (s: string) => `password=${s}`,
    (s: string) => `Authorization: Bearer ${s}`,
    (s: string) => `net user svc ${s} /add`,
    (s: string) => `AccountKey=${s};EndpointSuffix=core.windows.net`,
  );

  it("a secret in any recognised shape, anywhere in a command line, never survives", () => {
    fc.assert(
      fc.property(noise, shape, secret, noise, (before, make, s, after) => {
        const out = redactSecrets(`${before} ${make(s)} ${after}`);
        expect(out).not.toContain(s);
        expect(out).toContain(REDACTED);
      }),
    );
  });

  it("is idempotent, and text without secrets comes back unchanged", () => {
    fc.assert(
      fc.property(noise, shape, secret, (text, make, s) => {
        const once = redactSecrets(`${text} ${make(s)}`);
        expect(redactSecrets(once)).toBe(once);
        expect(redactSecrets(text)).toBe(text);
      }),
    );
  });
});

describe("redactSecrets, cost", () => {
  it("takes milliseconds on 64 KiB of the text that makes a careless pattern backtrack", () => {
    const n = 64 * 1024;
    for (const text of [
      "a.".repeat(n / 2),
      "mysql ".repeat(n / 6),
      "sshpass ".repeat(n / 8),
      "x".repeat(n),
      "a=".repeat(n / 2),
      " --".repeat(n / 3),
      "A".repeat(n),
      "eyJ".repeat(n / 3),
      "net user ".repeat(n / 9),
    ]) {
      const started = performance.now();
      redactSecrets(text);
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(250);
    }
  });
});
