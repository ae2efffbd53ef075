import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { accountName } from "@/lib/schemas/route-params";
import type { ListenPlan } from "./listen";
import { WARM_UP_PATHS, warmUp } from "./warm-up";

const plan = (allowedHosts: ListenPlan["allowedHosts"]): ListenPlan => ({ host: "127.0.0.1", port: 3000, allowedHosts, message: "" });

/** A handler that notes what it was asked and answers 404, as the pages and routes do for the warm-up's account. */
function recording(answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(404).end()) {
  const asked: { url?: string; host?: string }[] = [];
  return {
    asked,
    handle: (req: IncomingMessage, res: ServerResponse) => {
      asked.push({ url: req.url, host: req.headers.host });
      answer(req, res);
    },
  };
}

describe("warmUp", () => {
  it("asks every path once, in order, by a Host the server answers, and counts the statuses", async () => {
    const loopback = recording();
    const done = await warmUp(plan("loopback"), loopback.handle);
    expect(loopback.asked.map((a) => a.url)).toEqual(WARM_UP_PATHS);
    expect(new Set(loopback.asked.map((a) => a.host))).toEqual(new Set(["localhost"]));
    expect(done.statuses).toEqual({ "404": WARM_UP_PATHS.length });

    const behindProxy = recording();
    await warmUp(plan(["batchscope.example.com"]), behindProxy.handle, ["/a"]);
    expect(behindProxy.asked).toEqual([{ url: "/a", host: "batchscope.example.com" }]);
  });

  it("names an account no URL can name, so every path stops before any Batch call", () => {
    for (const path of WARM_UP_PATHS) {
      const account = /^(?:\/api\/accounts)?\/([^/]+)\//.exec(path)?.[1];
      expect(accountName.safeParse(account).success, path).toBe(false);
    }
  });

  it("goes on past a path that gets no answer, and counts it as 0", async () => {
    const dropping = recording((req, res) => (req.url === "/b" ? req.socket.destroy() : res.writeHead(404).end()));
    const done = await warmUp(plan("loopback"), dropping.handle, ["/a", "/b", "/c"]);
    expect(dropping.asked.map((a) => a.url)).toEqual(["/a", "/b", "/c"]);
    expect(done.statuses).toEqual({ "404": 2, "0": 1 });
  });
});
