import { describe, expect, it } from "vitest";
import { levelOf } from "./request-log";

describe("levelOf (the request line's level)", () => {
  it("puts successful build assets and router prefetches at debug", () => {
    expect(levelOf("/_next/static/chunks/main-abc.js", {}, 200)).toBe("debug");
    expect(levelOf("/_next/static/css/app.css", {}, 304)).toBe("debug");
    expect(levelOf("/demo/pools/p1", { rsc: "1", "next-router-prefetch": "1" }, 200)).toBe("debug");
  });

  it("keeps pages, API calls and router navigations at info", () => {
    expect(levelOf("/demo/pools/p1", {}, 200)).toBe("info");
    expect(levelOf("/demo/pools/p1", { rsc: "1" }, 200)).toBe("info");
    expect(levelOf("/api/accounts/demo/jobs", {}, 200)).toBe("info");
  });

  it("keeps a failed asset or prefetch at its level", () => {
    expect(levelOf("/_next/static/chunks/gone.js", {}, 404)).toBe("info");
    expect(levelOf("/_next/static/chunks/main.js", {}, 500)).toBe("error");
    expect(levelOf("/demo", { "next-router-prefetch": "1" }, 503)).toBe("error");
    expect(levelOf("/api/accounts/demo/pools/x", {}, 502)).toBe("error");
  });
});
