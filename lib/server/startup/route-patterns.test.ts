import { describe, expect, it } from "vitest";
import { pathOf } from "./request-log";
import { RoutePatterns } from "./route-patterns";

const routes = new RoutePatterns([
  "/",
  "/[account]",
  "/[account]/pools/[poolId]",
  "/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]",
  "/api/accounts",
  "/api/accounts/[account]/pools/[poolId]",
  "/api/accounts/[account]/pools/[poolId]/actions",
  "/api/health",
]);

describe("RoutePatterns.routeOf", () => {
  it("names the route, never the ids", () => {
    expect(routes.routeOf("/")).toBe("/");
    expect(routes.routeOf("/prod")).toBe("/[account]");
    expect(routes.routeOf("/prod/pools/render-linux")).toBe("/[account]/pools/[poolId]");
    expect(routes.routeOf("/api/accounts/prod/pools/p1/actions")).toBe("/api/accounts/[account]/pools/[poolId]/actions");
    expect(routes.routeOf("/prod/jobs/j/tasks/t/files/wd/out/stderr.txt")).toBe("/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]");
  });

  it("prefers literal segments over parameters", () => {
    expect(routes.routeOf("/api/health")).toBe("/api/health");
    expect(routes.routeOf("/api/accounts")).toBe("/api/accounts");
  });

  it("puts what no route answers under a few fixed names", () => {
    expect(routes.routeOf("/a/b/c/d/e/f/g")).toBe("(no route)");
    expect(routes.routeOf("/_next/static/chunks/abc.js")).toBe("/_next/*");
    expect(routes.routeOf("/%E0%A4%A")).toBe("(bad path)");
    expect(new RoutePatterns([]).routeOf("/anything")).toBe("(no route)");
  });
});

describe("pathOf", () => {
  it("drops the query string, where a SAS signature or a search term would be", () => {
    expect(pathOf("/api/accounts/a/pools?sig=abc&se=2030")).toBe("/api/accounts/a/pools");
    expect(pathOf(undefined)).toBe("/");
  });
});
