import type { z } from "zod";
import { describeIssues } from "./describe-issues";

/**
 * Splits a stream of NDJSON text into values as chunks arrive, each line parsed and validated by `schema`:
 * a record cut by a chunk boundary waits for its end, and bytes go through a streaming decoder, so a
 * character cut by the boundary is whole. A line that is not JSON, or not of the schema's shape, throws
 * an Error naming the line and what was wrong.
 */
export function ndjsonReader<S extends z.ZodType>(schema: S, onValue: (value: z.infer<S>) => void): { push(bytes: Uint8Array): void; end(): void } {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let lineNo = 0;
  const parse = (line: string): z.infer<S> => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`Line ${lineNo} of the stream is not JSON.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`Line ${lineNo} of the stream has an unexpected shape: ${describeIssues(parsed.error)}.`);
    return parsed.data;
  };
  const emit = (text: string) => {
    for (const line of text.split("\n")) {
      lineNo++;
      if (line.trim()) onValue(parse(line));
    }
  };
  return {
    push(bytes) {
      pending += decoder.decode(bytes, { stream: true });
      const cut = pending.lastIndexOf("\n");
      if (cut === -1) return;
      emit(pending.slice(0, cut));
      pending = pending.slice(cut + 1);
    },
    end() {
      pending += decoder.decode();
      if (pending) emit(pending);
      pending = "";
    },
  };
}
