import { queryOptions } from "@tanstack/react-query";
import { FILE_HEADERS } from "@/lib/schemas/files";
import { ApiError } from "./api-fetch";
import { apiErrorBody } from "@/lib/schemas/api-error";

export interface FileTail {
  text: string;
  size: number;
  start: number;
  /** The tail began mid-line: the first partial line was dropped. */
  truncated: boolean;
}

/**
 * The last bytes of a log, decoded as UTF-8. A slice can begin inside a multi-byte character or a line,
 * so the first partial line is dropped rather than shown half-decoded.
 */
export function fileTailQuery(url: string, bytes = 16 * 1024) {
  return queryOptions({
    queryKey: ["file-tail", url, bytes],
    queryFn: async ({ signal }): Promise<FileTail> => {
      const res = await fetch(`${url}?length=${bytes}`, { signal });
      if (!res.ok) {
        const body = apiErrorBody.safeParse(await res.json().catch(() => undefined));
        throw new ApiError(body.success ? body.data.error : { kind: "server", status: res.status, message: `The dashboard answered ${res.status}.` });
      }
      const buf = new Uint8Array(await res.arrayBuffer());
      const start = Number(res.headers.get(FILE_HEADERS.start) ?? 0);
      const size = Number(res.headers.get(FILE_HEADERS.size) ?? buf.length);
      let text = new TextDecoder("utf-8").decode(buf);
      let truncated = false;
      if (start > 0) {
        const nl = text.indexOf("\n");
        text = nl === -1 ? text : text.slice(nl + 1);
        truncated = true;
      }
      return { text, size, start, truncated };
    },
  });
}
