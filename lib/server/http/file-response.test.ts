import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./file-response";

describe("attachmentDisposition: the file's name never bends the header", () => {
  it("a plain name is the filename as it is", () => {
    expect(attachmentDisposition("wd/out.bin")).toBe('attachment; filename="out.bin"');
  });

  it.each([
    ['wd/a"; filename="evil.html', "attachment; filename=\"a___filename__evil.html\"; filename*=UTF-8''a%22%3B%20filename%3D%22evil.html"],
    ["wd/résumé 😀.log", "attachment; filename=\"r_sum____.log\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%F0%9F%98%80.log"],
    ["wd/it's (1)*.txt", "attachment; filename=\"it_s__1__.txt\"; filename*=UTF-8''it%27s%20%281%29%2A.txt"],
    // A right-to-left override would show "report\u202Etxt.exe" as "reportexe.txt".
    ["wd/report\u202etxt.exe", "attachment; filename=\"report_txt.exe\"; filename*=UTF-8''report_txt.exe"],
    ["wd\\win.log", 'attachment; filename="win.log"'],
    ["wd/", 'attachment; filename="download"'],
  ])("%j", (path, header) => {
    expect(attachmentDisposition(path)).toBe(header);
  });
});
