// Memory figures for benchmarks that run the emulator in their own process: settled (after a forced GC, when one
// can be had) and peak (sampled while a phase runs).
import { setImmediate as tick } from "node:timers/promises";
import v8 from "node:v8";
import vm from "node:vm";

export interface Mem {
  rss: number;
  heapUsed: number;
}

/** The GC hook, and how we got it: the memory figures mean little without saying whether GC ran first. */
export function findGc(): { run: (() => void) | undefined; how: string } {
  if (typeof globalThis.gc === "function") {
    const gc = globalThis.gc;
    return { run: () => void gc(), how: "global.gc present (--expose-gc): memory is after a forced full GC" };
  }
  try {
    // Setting the flag after start-up does not define global.gc, but a fresh context created afterwards gets it.
    v8.setFlagsFromString("--expose-gc");
    const late: unknown = vm.runInNewContext("gc");
    if (typeof late === "function") {
      return { run: () => void (late as () => void)(), how: "global.gc ABSENT; enabled late via v8.setFlagsFromString: memory is after a forced GC" };
    }
  } catch {
    // Fall through: report that memory figures are not GC-settled.
  }
  return { run: undefined, how: "global.gc ABSENT and could not be enabled: memory figures are NOT after a forced GC (noisy)" };
}

export const GC = findGc();

/** Two passes with a turn of the event loop between: the first can leave finalizers and weak callbacks pending. */
export async function settledMemory(): Promise<Mem> {
  if (GC.run) {
    GC.run();
    await tick();
    GC.run();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

/** Samples RSS and heap while work runs, since the settled figures after a phase hide its transient peak. */
export function peakSampler(): { stop(): Mem } {
  const peak: Mem = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  sample();
  // unref: if a phase throws before stop(), the sampler must not keep the process alive after the error.
  const timer = setInterval(sample, 25).unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
