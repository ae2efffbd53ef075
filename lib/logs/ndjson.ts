/**
 * Splits a stream of NDJSON text into parsed values as chunks arrive: a record cut by a chunk boundary
 * waits for its end. Bytes are decoded with a streaming decoder, so a character cut by the boundary is whole.
 */
export function ndjsonReader<T>(onValue: (value: T) => void): { push(bytes: Uint8Array): void; end(): void } {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  const emit = (text: string) => {
    for (const line of text.split("\n")) if (line.trim()) onValue(JSON.parse(line) as T);
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
      emit(pending);
      pending = "";
    },
  };
}
