// Start-up code: read by server.ts outside the React server layer (no "server-only").
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Segment = { literal: string } | { param: true } | { rest: "required" | "optional" };

interface Pattern {
  route: string;
  segments: Segment[];
}

function parse(route: string): Pattern {
  const segments = route
    .split("/")
    .filter(Boolean)
    .map((part): Segment => {
      if (part.startsWith("[[...")) return { rest: "optional" };
      if (part.startsWith("[...")) return { rest: "required" };
      if (part.startsWith("[")) return { param: true };
      return { literal: part };
    });
  return { route, segments };
}

function matches(pattern: Pattern, parts: string[]): boolean {
  const { segments } = pattern;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if ("rest" in s) return s.rest === "optional" || parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if ("literal" in s && s.literal !== part) return false;
  }
  return parts.length === segments.length;
}

/** More literal segments first, then fewer catch-alls: Next's own order for the routes it serves. */
function specificity(p: Pattern): number[] {
  return [p.segments.filter((s) => "literal" in s).length, -p.segments.filter((s) => "rest" in s).length, p.segments.length];
}

function compare(a: Pattern, b: Pattern): number {
  const [x, y] = [specificity(a), specificity(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
  return 0;
}

/**
 * Maps a request's path to the app route that answers it (`/[account]/pools/[poolId]`), read from the
 * build's route manifest, so route metrics and log lines carry a bounded set of labels whatever ids and
 * paths people open. What no route answers is one of a few fixed names.
 */
export class RoutePatterns {
  private readonly patterns: Pattern[];

  constructor(routes: readonly string[]) {
    this.patterns = routes.map(parse).sort(compare);
  }

  /** The build's routes (`.next/app-path-routes-manifest.json`); none when there is no build. */
  static fromBuild(dir: string): RoutePatterns {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, ".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
      return new RoutePatterns([...new Set(Object.values(manifest))]);
    } catch {
      return new RoutePatterns([]);
    }
  }

  routeOf(pathname: string): string {
    if (pathname.startsWith("/_next/")) return "/_next/*";
    if (pathname === "/metrics") return "/metrics";
    let parts: string[];
    try {
      parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      return "(bad path)";
    }
    return this.patterns.find((p) => matches(p, parts))?.route ?? "(no route)";
  }
}
