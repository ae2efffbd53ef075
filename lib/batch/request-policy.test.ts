import { HttpHeaders, RequestPolicyOptions, RestError, WebResource, type HttpOperationResponse, type RequestPolicy } from "@azure/ms-rest-js";
import { describe, expect, it } from "vitest";
import { toApiError } from "@/lib/batch/errors";
import { batchRequestPolicy, DEFAULT_POLICY, ServiceClock } from "@/lib/batch/request-policy";
import { Semaphore } from "@/lib/batch/semaphore";
import { urgently } from "@/lib/batch/urgent-reads";

/** The next policy in the pipeline, answering from a script: a status, or a network error code. */
function scripted(outcomes: (number | string)[], headers: Record<string, string> = {}) {
  const seen: WebResource[] = [];
  const next: RequestPolicy = {
    sendRequest: async (req) => {
      seen.push(req);
      const outcome = outcomes[Math.min(seen.length - 1, outcomes.length - 1)]!;
      if (typeof outcome === "string") throw new RestError("socket hang up", outcome, undefined, req);
      const response: HttpOperationResponse = {
        request: req,
        status: outcome,
        headers: new HttpHeaders({ date: "Fri, 27 Nov 2026 10:00:00 GMT", ...headers }),
      };
      if (outcome >= 400) throw new RestError(`status ${outcome}`, "Fail", outcome, req, response);
      return response;
    },
  };
  return { next, seen };
}

const fast = { ...DEFAULT_POLICY, baseDelayMs: 1, maxDelayMs: 5 };

function send(method: "GET" | "POST", outcomes: (number | string)[], headers?: Record<string, string>, settings = fast) {
  const { next, seen } = scripted(outcomes, headers);
  const clock = new ServiceClock();
  const policy = batchRequestPolicy(settings, { reads: new Semaphore(2), actions: new Semaphore(2) }, clock).create(next, new RequestPolicyOptions());
  const started = Date.now();
  const result = policy.sendRequest(new WebResource("http://127.0.0.1:1/pools", method));
  return { result, seen, clock, started };
}

describe("batchRequestPolicy", () => {
  it("retries a read after a 5xx and returns the success", async () => {
    const { result, seen } = send("GET", [503, 500, 200]);
    expect((await result).status).toBe(200);
    expect(seen).toHaveLength(3);
  });

  it("stops after maxRetries and surfaces the last failure", async () => {
    const { result, seen } = send("GET", [502]);
    await expect(result).rejects.toMatchObject({ statusCode: 502 });
    expect(seen).toHaveLength(1 + fast.maxRetries);
  });

  it("never resends an action (POST), whatever the failure", async () => {
    const { result, seen } = send("POST", [503, 200]);
    await expect(result).rejects.toMatchObject({ statusCode: 503 });
    expect(seen).toHaveLength(1);
    const network = send("POST", ["ECONNRESET", 200]);
    await expect(network.result).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(network.seen).toHaveLength(1);
  });

  it("retries a read after a network error", async () => {
    const { result, seen } = send("GET", ["ECONNREFUSED", 200]);
    expect((await result).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it("does not retry what a retry cannot fix (404, 409, 403)", async () => {
    for (const status of [404, 409, 403]) {
      const { result, seen } = send("GET", [status, 200]);
      await expect(result).rejects.toMatchObject({ statusCode: status });
      expect(seen).toHaveLength(1);
    }
  });

  it("waits out a short Retry-After, and hands a long one back at once", async () => {
    const short = send("GET", [429, 200], { "retry-after": "0" });
    expect((await short.result).status).toBe(200);
    const long = send("GET", [429, 200], { "retry-after": "30" });
    await expect(long.result).rejects.toMatchObject({ statusCode: 429 });
    expect(long.seen).toHaveLength(1);
    expect(Date.now() - long.started).toBeLessThan(1_000);
  });

  it("gives every attempt a timeout, longer for streamed downloads", async () => {
    const { result, seen } = send("GET", [200]);
    await result;
    expect(seen[0]!.timeout).toBe(DEFAULT_POLICY.attemptTimeoutMs);
  });

  it("learns the service's clock from the Date header", async () => {
    const { result, clock } = send("GET", [200]);
    await result;
    expect(clock.isKnown).toBe(true);
    expect(Math.abs(clock.now() - Date.parse("Fri, 27 Nov 2026 10:00:00 GMT"))).toBeLessThan(5_000);
  });
});

describe("toApiError", () => {
  const batchFailure = (status: number, code: string, headers: Record<string, string> = {}) => {
    const req = new WebResource("http://127.0.0.1:1/pools/p", "GET");
    const response = { request: req, status, headers: new HttpHeaders({ "request-id": "11111111-2222-3333-4444-555555555555", ...headers }) };
    const err = new RestError({ lang: "en-US", value: `Batch says no.\nRequestId:x\nTime:y` } as unknown as string, code, status, req, response);
    (err as unknown as { body: unknown }).body = { code, message: { lang: "en-US", value: "Batch says no.\nRequestId:x\nTime:y" } };
    return err;
  };

  it.each([
    [429, "TooManyRequests", { "retry-after": "7" }, "throttled"],
    [503, "ServerBusy", { "retry-after": "7" }, "throttled"],
    [503, "ServerBusy", {}, "server"],
    [500, "InternalError", {}, "server"],
    [409, "NodeBeingRebooted", {}, "conflict"],
    [404, "PoolNotFound", {}, "notFound"],
    [403, "AuthenticationFailed", {}, "auth"],
    [400, "InvalidQueryParameterValue", {}, "badRequest"],
  ] as [number, string, Record<string, string>, string][])("%i %s → %s, with the text, code and request id", (status, code, headers, kind) => {
    const info = toApiError(batchFailure(status, code, headers));
    expect(info).toMatchObject({ kind, status, code, message: "Batch says no.", requestId: "11111111-2222-3333-4444-555555555555" });
    expect(info.message).not.toContain("[object Object]");
    if (headers["retry-after"]) expect(info.retryAfterSeconds).toBe(7);
  });

  it("calls a failure without a response a network error", () => {
    const info = toApiError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }));
    expect(info).toMatchObject({ kind: "network", status: 0, code: "ECONNREFUSED" });
  });
});

describe("batchRequestPolicy slots", () => {
  it("sends an action while every read slot is taken, and queues the next read", async () => {
    const held: (() => void)[] = [];
    const seen: string[] = [];
    const next: RequestPolicy = {
      sendRequest: (req) => {
        seen.push(req.method);
        const response: HttpOperationResponse = { request: req, status: 200, headers: new HttpHeaders() };
        return req.method === "GET" ? new Promise((resolve) => held.push(() => resolve(response))) : Promise.resolve(response);
      },
    };
    const slots = { reads: new Semaphore(2), actions: new Semaphore(2) };
    const policy = batchRequestPolicy(fast, slots, new ServiceClock()).create(next, new RequestPolicyOptions());
    const reads = [1, 2, 3].map(() => policy.sendRequest(new WebResource("http://127.0.0.1:1/pools", "GET")));
    await new Promise((r) => setTimeout(r, 5));
    expect(slots.reads.queued).toBe(1);
    expect((await policy.sendRequest(new WebResource("http://127.0.0.1:1/pools/p/nodes/n/reboot", "POST"))).status).toBe(200);
    expect(seen).toEqual(["GET", "GET", "POST"]);
    while (held.length) held.shift()!();
    await new Promise((r) => setTimeout(r, 5));
    while (held.length) held.shift()!();
    await Promise.all(reads);
  });

  it("gives the next free read slot to a read made urgently, ahead of reads that queued before it", async () => {
    const held: (() => void)[] = [];
    const sent: string[] = [];
    const next: RequestPolicy = {
      sendRequest: (req) => {
        sent.push(new URL(req.url).pathname);
        return new Promise((resolve) => held.push(() => resolve({ request: req, status: 200, headers: new HttpHeaders() })));
      },
    };
    const slots = { reads: new Semaphore(1), actions: new Semaphore(1) };
    const policy = batchRequestPolicy(fast, slots, new ServiceClock()).create(next, new RequestPolicyOptions());
    const get = (path: string) => policy.sendRequest(new WebResource(`http://127.0.0.1:1${path}`, "GET"));
    const reads = [get("/holding"), get("/queued-1"), get("/queued-2"), urgently(() => get("/urgent"))];
    await new Promise((r) => setTimeout(r, 5));
    expect(slots.reads.queued).toBe(3);
    for (let i = 0; i < 4; i++) {
      held.shift()!();
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(reads);
    expect(sent).toEqual(["/holding", "/urgent", "/queued-1", "/queued-2"]);
  });
});
