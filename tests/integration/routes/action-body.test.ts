import { describe, expect, it } from "vitest";
import { auditListResponse } from "@/lib/schemas/audit";
import { PAGE_HEADERS } from "./remediation-support";
import { handlers } from "./route-table";
import { callOk, emulatorPerSuite, expectApiError, type RouteResult } from "./support";

// An action's body is read against its limit as it arrives: an endless body is refused, not buffered.
const env = emulatorPerSuite({ scenario: "empty", account: "bodycap" });
const a = () => env.account;
const CHUNK = 64 * 1024;

async function postStream(total: number) {
  const seen = { pulled: 0, cancelled: false };
  // JSON that is valid as far as it goes, so only its size can refuse it.
  const opening = new TextEncoder().encode('{"action":"reboot","reason":"');
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled >= total) return controller.close();
        const chunk = seen.pulled === 0 ? opening : new Uint8Array(CHUNK).fill(0x61);
        seen.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const res = await handlers.actionsPOST(
    new Request(`http://localhost/api/accounts/${a()}/pools/p/actions`, { method: "POST", headers: PAGE_HEADERS, body, duplex: "half" } as RequestInit),
    { params: Promise.resolve({ account: a(), poolId: "p" }) },
  );
  const text = await res.text();
  const result: RouteResult = { status: res.status, headers: res.headers, text, json: JSON.parse(text) };
  return { result, seen };
}

describe("POST …/actions with a body over the limit", () => {
  it("answers 413 as soon as the body passes 256 KiB, without reading the rest, and records nothing", async () => {
    await env.resetStats();
    const { result, seen } = await postStream(100 * 1024 * 1024);
    expect(expectApiError(result, "badRequest", 413)).toMatchObject({ code: "PayloadTooLarge", message: expect.stringMatching(/larger than 256 KiB/) });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(256 * 1024 + 2 * CHUNK);
    expect((await env.stats()).total).toBe(0);
    expect((await callOk(handlers.auditGET, `/api/accounts/${a()}/audit`, { account: a() }, auditListResponse)).records).toEqual([]);
  });
});
