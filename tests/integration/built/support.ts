import { expect } from "vitest";

/** The JSON lines a server wrote (pino's request lines and others), skipping the plain start-up lines. */
export function jsonLines(output: string): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line cut by the capture: not ours to judge
    }
  }
  return lines;
}

/** The request lines with this request id: exactly one is expected per request. */
export function requestLines(output: string, reqId: string): Record<string, unknown>[] {
  return jsonLines(output).filter((l) => l.msg === "request" && l.reqId === reqId);
}

/** One sample's value from Prometheus text, by metric name and exact labels; 0 when absent. */
export function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split("\n")) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "").match(/[a-z_]+="(?:[^"\\]|\\.)*"/g) ?? [];
    if (have.length === wanted.length && [...have].sort().every((h, i) => h === wanted[i])) return Number(m[3]);
  }
  return 0;
}

/** Every label value of one label over a metric's samples. */
export function labelValues(text: string, name: string, label: string): string[] {
  const values = new Set<string>();
  const re = new RegExp(`^${name}(?:_bucket|_sum|_count)?\\{.*?${label}="((?:[^"\\\\]|\\\\.)*)"`);
  for (const line of text.split("\n")) {
    const m = re.exec(line);
    if (m) values.add(m[1]!);
  }
  return [...values];
}

export async function waitUntil(what: string, done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
