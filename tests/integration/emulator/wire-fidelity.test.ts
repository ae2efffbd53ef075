import { request } from "node:http";
import { BatchSharedKeyCredentials } from "@azure/batch";
import { WebResource, type HttpMethods } from "@azure/ms-rest-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addJob, failure, readyPool, startHarness, type Harness } from "./harness";

/**
 * What recordings of the real service show on the wire (docs/real-service.md), checked below the SDK where the
 * SDK would hide it: header names in their exact case, and bodies as sent.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await readyPool(h, "wire", 1);
  await addJob(h, "wj", "wire");
});
afterAll(() => h.close());

interface RawResponse {
  status: number;
  /** Header name exactly as sent → value. */
  headers: Map<string, string>;
  body: string;
}

/** A request signed as the SDK signs it, read with node:http so header names keep their case. */
async function raw(method: HttpMethods, path: string, body?: unknown): Promise<RawResponse> {
  const url = `${h.emu.url}${path}${path.includes("?") ? "&" : "?"}api-version=${h.client.apiVersion}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const resource = new WebResource(url, method, text);
  if (text !== undefined) {
    resource.headers.set("Content-Type", "application/json; odata=minimalmetadata; charset=utf-8");
    resource.headers.set("Content-Length", Buffer.byteLength(text));
  }
  await new BatchSharedKeyCredentials(h.emu.account, h.emu.key).signRequest(resource);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: resource.headers.rawHeaders() }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = new Map<string, string>();
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.set(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(text);
  });
}

const SERVICE = {
  DataServiceVersion: "3.0",
  Server: "Microsoft-HTTPAPI/2.0",
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
};

describe("response headers, named and cased as recorded", () => {
  it("a list: the service's fixed headers, request-id, the JSON content type without a space, no ETag", async () => {
    const res = await raw("GET", "/pools");
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries(SERVICE)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("Content-Type")).toBe("application/json;odata=minimalmetadata");
    expect(res.headers.has("ETag")).toBe(false);
    expect(res.headers.has("Last-Modified")).toBe(false);
  });

  it("one pool, job or task: ETag (unquoted, equal to the body's eTag) and Last-Modified in whole seconds", async () => {
    for (const path of ["/pools/wire", "/jobs/wj"]) {
      const res = await raw("GET", path);
      const body = JSON.parse(res.body) as { eTag: string; lastModified: string; "odata.metadata": string };
      expect(res.headers.get("ETag"), path).toBe(body.eTag);
      expect(body.eTag).toMatch(/^0x[0-9A-F]+$/);
      expect(res.headers.get("Last-Modified")).toBe(new Date(body.lastModified).toUTCString());
      expect(body["odata.metadata"]).toBe(`${h.emu.url}/$metadata#${path.split("/")[1]}/@Element`);
    }
  });

  it("one node: no ETag and no Last-Modified", async () => {
    const [node] = await h.client.computeNode.list("wire");
    const res = await raw("GET", `/pools/wire/nodes/${node!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.has("ETag")).toBe(false);
    expect(JSON.parse(res.body)).toMatchObject({ "odata.metadata": `${h.emu.url}/$metadata#nodes/@Element`, id: node!.id });
  });

  it("a creation: 201 with DataServiceId and Location naming it, ETag and Last-Modified, and no body", async () => {
    const res = await raw("POST", "/jobs/wj/tasks", { id: "made", commandLine: "true" });
    expect(res.status).toBe(201);
    expect(res.headers.get("DataServiceId")).toBe(`${h.emu.url}/jobs/wj/tasks/made`);
    expect(res.headers.get("Location")).toBe(`${h.emu.url}/jobs/wj/tasks/made`);
    expect(res.headers.get("ETag")).toMatch(/^0x[0-9A-F]+$/);
    expect(res.headers.get("Last-Modified")).toMatch(/ GMT$/);
    expect(res.body).toBe("");
  });

  it("an error: the fixed headers too, and the body's message ends with the request id and a 7-digit time", async () => {
    const res = await raw("GET", "/jobs/nope");
    expect(res.status).toBe(404);
    for (const [name, value] of Object.entries(SERVICE)) expect(res.headers.get(name), name).toBe(value);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toEqual({
      "odata.metadata": `${h.emu.url}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element`,
      code: "JobNotFound",
      message: {
        lang: "en-US",
        value: expect.stringMatching(
          new RegExp(
            `^The specified job does not exist\\.\\nRequestId:${res.headers.get("request-id")}\\nTime:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z$`,
          ),
        ),
      },
    });
  });
});

describe("odata.nextLink", () => {
  it("is the documented form: the list url, an opaque $skipToken and the api-version, followed verbatim by the SDK", async () => {
    for (let i = 0; i < 5; i++) await h.client.task.add("wj", { id: `p-${i}`, commandLine: "true" });
    const first = await h.client.task.list("wj", { taskListOptions: { maxResults: 2, filter: "startswith(id, 'p-')" } });
    const link = first.odatanextLink!;
    expect(link).toMatch(new RegExp(`^${h.emu.url.replace(/\./g, "\\.")}/jobs/wj/tasks\\?\\$skipToken=[A-Za-z0-9_-]+&api-version=${h.client.apiVersion}$`));
    const rest = await h.client.task.listNext(link);
    expect([...first, ...rest].map((t) => t.id).slice(0, 4)).toEqual(["p-0", "p-1", "p-2", "p-3"]);
    expect(rest).toHaveLength(2);
  });

  it("refuses a token it did not issue with 400 naming $skipToken", async () => {
    const e = await failure(h.client.task.listNext(`${h.emu.url}/jobs/wj/tasks?$skipToken=not-ours&api-version=${h.client.apiVersion}`));
    expect([e.statusCode, e.code]).toEqual([400, "InvalidQueryParameterValue"]);
    expect(e.body?.values).toContainEqual({ key: "QueryParameterName", value: "$skipToken" });
  });
});
