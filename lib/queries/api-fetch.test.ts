import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { searchEvent, type SearchEvent } from "@/lib/schemas/search-events";
import { ApiError, apiFetch, errorInfo, fetchBytes, streamNdjson } from "./api-fetch";

// A small real HTTP server: the client is exercised over a socket, as in the browser.
const routes: Record<string, { status: number; type: string; body: string | string[] }> = {
  "/ok": { status: 200, type: "application/json", body: JSON.stringify({ name: "pool-a", size: 3 }) },
  "/wrong-shape": { status: 200, type: "application/json", body: JSON.stringify({ name: 7 }) },
  "/html": { status: 200, type: "text/html", body: "<html>proxy login</html>" },
  "/batch-404": {
    status: 404,
    type: "application/json",
    body: JSON.stringify({ error: { kind: "notFound", status: 404, code: "PoolNotFound", message: "The specified pool does not exist.", requestId: "req-1" } }),
  },
  "/bare-502": { status: 502, type: "text/plain", body: "Bad gateway" },
  "/bytes": { status: 200, type: "application/octet-stream", body: "hello" },
  "/events": {
    status: 200,
    type: "application/x-ndjson",
    body: [
      `{"type":"progress","bytesRead":5,"size":10}\n{"type":"match","line":3,`,
      `"offset":9,"text":"boom"}\n`,
      `{"type":"done","matches":1,"truncated":false,"bytesRead":10,"lines":4}\n`,
    ],
  },
  "/bad-events": { status: 200, type: "application/x-ndjson", body: [`{"type":"progress","bytesRead":5,"size":10}\n`, `{"type":"surprise"}\n`] },
};

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    const r = routes[(req.url ?? "").split("?")[0]!];
    if (!r) return void res.writeHead(404).end();
    res.writeHead(r.status, { "Content-Type": r.type, "X-Range-Start": "40" });
    for (const part of [r.body].flat()) res.write(part);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const pool = z.object({ name: z.string(), size: z.number() });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("should have failed"),
    (e: unknown) => e,
  );

describe("apiFetch", () => {
  it("returns the body parsed by its schema", async () => {
    expect(await apiFetch(`${base}/ok`, pool)).toEqual({ name: "pool-a", size: 3 });
  });

  it("a body of the wrong shape is a clear ApiError naming the route and the field, not a zod dump", async () => {
    const e = await failure(apiFetch(`${base}/wrong-shape?x=1`, pool));
    expect(e).toBeInstanceOf(ApiError);
    const info = errorInfo(e)!;
    expect(info).toMatchObject({ kind: "server", code: "UnexpectedResponse" });
    expect(info.message).toMatch(/^The dashboard's answer to http:\/\/127\.0\.0\.1:\d+\/wrong-shape did not have the expected shape \(name: .*; size: .*\)\.$/);
  });

  it("a body that is not JSON says so", async () => {
    expect(errorInfo(await failure(apiFetch(`${base}/html`, pool)))?.message).toMatch(/was not JSON\.$/);
  });

  it("an API error body reaches the UI with Batch's kind, code, message and request id", async () => {
    expect(errorInfo(await failure(apiFetch(`${base}/batch-404`, pool)))).toEqual({
      kind: "notFound",
      status: 404,
      code: "PoolNotFound",
      message: "The specified pool does not exist.",
      requestId: "req-1",
    });
  });

  it("an error without our body keeps its HTTP status; an unreachable server is a network error", async () => {
    expect(errorInfo(await failure(apiFetch(`${base}/bare-502`, pool)))).toEqual({ kind: "server", status: 502, message: "The dashboard answered 502." });
    expect(errorInfo(await failure(apiFetch("http://127.0.0.1:1/nothing", pool)))).toMatchObject({ kind: "network", status: 0 });
  });

  it("an abort stays an abort, so a cancelled query is never shown as a failure", async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await failure(apiFetch(`${base}/ok`, pool, { signal: controller.signal }));
    expect(e).not.toBeInstanceOf(ApiError);
    expect((e as Error).name).toBe("AbortError");
  });
});

describe("fetchBytes", () => {
  it("returns the bytes and the headers that place them in the file; errors are ApiErrors", async () => {
    const { bytes, headers } = await fetchBytes(`${base}/bytes`);
    expect(new TextDecoder().decode(bytes)).toBe("hello");
    expect(headers.get("x-range-start")).toBe("40");
    expect(errorInfo(await failure(fetchBytes(`${base}/batch-404`)))?.code).toBe("PoolNotFound");
  });
});

describe("streamNdjson", () => {
  it("hands over each validated event as its line completes, across chunk boundaries", async () => {
    const events: SearchEvent[] = [];
    await streamNdjson(`${base}/events`, searchEvent, (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(["progress", "match", "done"]);
    expect(events[1]).toEqual({ type: "match", line: 3, offset: 9, text: "boom" });
  });

  it("a line of the wrong shape fails the stream with an ApiError naming the line", async () => {
    const events: SearchEvent[] = [];
    const e = await failure(streamNdjson(`${base}/bad-events`, searchEvent, (ev) => events.push(ev)));
    expect(errorInfo(e)).toMatchObject({ kind: "server", code: "UnexpectedResponse" });
    expect(errorInfo(e)?.message).toMatch(/could not be read: Line 2 of the stream has an unexpected shape/);
    expect(events).toHaveLength(1);
  });
});
