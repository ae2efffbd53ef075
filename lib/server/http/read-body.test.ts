import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyText } from "./read-body";

const CHUNK = 64 * 1024;

/** A body of `total` bytes made on demand, counting what the reader pulled and whether it was cancelled. */
function countingBody(total: number, headers: Record<string, string> = {}) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled >= total) return controller.close();
        const n = Math.min(CHUNK, total - seen.pulled);
        seen.pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
      cancel() {
        seen.cancelled = true;
      },
      // Nothing is pulled before the reader asks: `pulled` is what the reader took.
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/x", { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
  return { request, seen };
}

describe("readBodyText", () => {
  it("reads a body within the limit whole", async () => {
    const { request } = countingBody(3 * CHUNK);
    expect((await readBodyText(request, 256 * 1024)).length).toBe(3 * CHUNK);
    expect(await readBodyText(new Request("http://localhost/x", { method: "POST", body: '{"a":1}' }), 10)).toBe('{"a":1}');
  });

  it("refuses a streamed body as soon as it passes the limit, without pulling the rest", async () => {
    const { request, seen } = countingBody(50 * 1024 * 1024);
    const err = await readBodyText(request, 256 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as BodyTooLargeError).info).toMatchObject({ kind: "badRequest", status: 413, code: "PayloadTooLarge" });
    expect((err as BodyTooLargeError).message).toMatch(/larger than 256 KiB/);
    expect(seen.cancelled).toBe(true);
    // The limit and the one chunk that passed it, nowhere near the 50 MiB on offer.
    expect(seen.pulled).toBeLessThanOrEqual(256 * 1024 + CHUNK);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const { request, seen } = countingBody(10 * CHUNK, { "content-length": String(10 * CHUNK) });
    await expect(readBodyText(request, CHUNK)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(seen.pulled).toBe(0);
  });

  it("counts bytes, not characters: multi-byte text is held to the same limit", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: "é".repeat(600) });
    await expect(readBodyText(request, 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
