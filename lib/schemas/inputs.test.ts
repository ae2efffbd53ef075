import { describe, expect, it } from "vitest";
import { filePath } from "./inputs";

const refusal = (path: string) => {
  const r = filePath.safeParse(path);
  return r.success ? undefined : r.error.issues.map((i) => i.message).join("; ");
};

describe("filePath: a path inside the directory however it is read", () => {
  it.each([
    ["..", /'\.\.'/],
    ["wd/../../etc/passwd", /'\.\.'/],
    ["wd\\..\\..\\x", /'\.\.'/],
    // Windows drops trailing dots and spaces from a name, so these can end as "..".
    [".. ", /'\.\.'/],
    ["wd/.../x", /'\.\.'/],
    [". .", /'\.\.'/],
    // A hop that decodes once more (a proxy, a front end) must not find a traversal this check did not see.
    ["%2e%2e", /'\.\.'/],
    ["%2E%2e/secret", /'\.\.'/],
    ["%252e%252e", /'\.\.'/],
    ["wd%2f..%2f..%2fx", /'\.\.'/],
    ["%zz/%2e%2e", /'\.\.'/],
    ["%ff/%2e%2e", /'\.\.'/],
    ["%2fetc%2fpasswd", /relative/],
    ["%5c%5cserver%5cshare", /relative/],
    ["C%3a/Windows", /relative/],
    ["std%00out.txt", /control character/],
    ["a%0d%0aSet-Cookie: x", /control character/],
  ])("%j is refused", (path, says) => {
    expect(refusal(path)).toMatch(says);
  });

  it.each(["stdout.txt", "wd/out.bin", "./wd/x", "wd/.hidden", "wd/..x", "wd/x..", "100%.log", "50%25 done.txt", "a%zz", "résumé 😀.log", "wd/a.b.c"])(
    "%j is a file name",
    (path) => {
      expect(refusal(path)).toBeUndefined();
    },
  );
});
