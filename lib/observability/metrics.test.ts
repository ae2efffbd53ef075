import { describe, expect, it } from "vitest";
import { batchOperation, metrics } from "./metrics";

describe("batchOperation", () => {
  it("keeps the path's shape and replaces every id", () => {
    expect(batchOperation("GET", "https://a.westeurope.batch.azure.com/pools?api-version=2025-06-01")).toBe("GET /pools");
    expect(batchOperation("POST", "http://127.0.0.1:1/pools/p%201/nodes/tvm-1/reboot?api-version=x")).toBe("POST /pools/{id}/nodes/{id}/reboot");
    expect(batchOperation("HEAD", "http://h/jobs/j/tasks/t/files/wd/deep/stderr.txt")).toBe("HEAD /jobs/{id}/tasks/{id}/files/{path}");
    expect(batchOperation("GET", "http://h/jobs/j/tasks/t/files?recursive=true")).toBe("GET /jobs/{id}/tasks/{id}/files");
    expect(batchOperation("GET", "not a url")).toBe("GET ?");
  });
});

describe("metrics()", () => {
  it("is one registry per process, whoever asks", async () => {
    expect(metrics()).toBe(metrics());
    metrics().readCache.inc({ result: "hit" });
    expect(await metrics().registry.getSingleMetricAsString("batchscope_read_cache_total")).toMatch(/result="hit"\} [1-9]/);
  });
});
