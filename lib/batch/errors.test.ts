import { describe, expect, it } from "vitest";
import { toApiError } from "@/lib/batch/errors";

/** An error as ms-rest-js throws it for a Batch error answer: the parsed body and the response's headers. */
function batchError(status: number, code: string, text: string, headers: Record<string, string> = {}) {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    statusCode: status,
    code,
    body: { code, message: { lang: "en-US", value: text } },
    response: { headers: { get: (n: string) => lower.get(n.toLowerCase()) } },
  };
}

// As recorded from the real service (409 on reimage of a VM pool's node).
const REAL = "The specified operation is not valid on the node.\nRequestId:493afe8b-a9e9-4125-be24-71f031c02156\nTime:2023-09-07T03:52:36.3086536Z";

describe("toApiError: Batch's message without its RequestId/Time trailer", () => {
  it("drops the trailer from the message and keeps the request id as its own field", () => {
    const e = toApiError(batchError(409, "OperationNotValidOnNode", REAL, { "request-id": "493afe8b-a9e9-4125-be24-71f031c02156" }));
    expect(e).toMatchObject({ kind: "conflict", status: 409, code: "OperationNotValidOnNode", requestId: "493afe8b-a9e9-4125-be24-71f031c02156" });
    expect(e.message).toBe("The specified operation is not valid on the node.");
  });

  it("takes the request id from the trailer when the headers did not carry one", () => {
    const e = toApiError(batchError(409, "OperationNotValidOnNode", REAL));
    expect(e.requestId).toBe("493afe8b-a9e9-4125-be24-71f031c02156");
    expect(e.message).not.toMatch(/RequestId|Time:/);
  });

  it("handles CRLF, a trailing newline and Time before RequestId, and keeps the lines before them", () => {
    const text = "The node is busy.\r\nReason: rebooting\r\nTime:2023-09-07T03:52:36Z\r\nRequestId:abcdef01-2345-6789-abcd-ef0123456789\r\n";
    expect(toApiError(batchError(409, "NodeBusy", text)).message).toBe("The node is busy.\nReason: rebooting");
  });

  it("keeps a message that is only a trailer rather than showing nothing", () => {
    expect(toApiError(batchError(500, "InternalError", "RequestId:abcdef01-2345-6789-abcd-ef0123456789")).message).toBe(
      "RequestId:abcdef01-2345-6789-abcd-ef0123456789",
    );
  });
});

describe("toApiError: secrets in Batch's message", () => {
  it("are redacted before the message is shown or recorded", () => {
    const text = "The value for resource file https://a.blob.core.windows.net/c/f?sv=2022-11-02&sig=c2VjcmV0 is invalid.";
    expect(toApiError(batchError(400, "InvalidPropertyValue", text)).message).toBe(
      "The value for resource file https://a.blob.core.windows.net/c/f?sv=2022-11-02&sig=[redacted] is invalid.",
    );
  });
});
