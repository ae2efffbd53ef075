import { queryOptions } from "@tanstack/react-query";
import { FILE_HEADERS } from "@/lib/schemas/files";
import { fetchBytes } from "./api-fetch";
import { fileKeys } from "./keys";

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
    queryKey: fileKeys.tail(url, bytes),
    queryFn: async ({ signal }): Promise<FileTail> => {
      const read = await fetchBytes(`${url}?length=${bytes}`, { signal });
      const start = Number(read.headers.get(FILE_HEADERS.start) ?? 0);
      const size = Number(read.headers.get(FILE_HEADERS.size) ?? read.bytes.length);
      let text = new TextDecoder("utf-8").decode(read.bytes);
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
