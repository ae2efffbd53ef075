/**
 * The emulator's one clock. History is generated up to the moment it starts; from then on simulated time
 * runs `speed` times faster than real time, so every duration (sleep, maxWallClockTime, a node's boot) and
 * every timestamp agree. Tests move it forward explicitly with `advance`.
 */
export class SimClock {
  private readonly realStart = Date.now();
  private offsetMs = 0;

  constructor(
    readonly startMs: number,
    readonly speed: number,
  ) {
    if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
  }

  now(): number {
    return Math.floor(this.startMs + (Date.now() - this.realStart) * this.speed + this.offsetMs);
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error("the clock only moves forward");
    this.offsetMs += ms;
  }

  /** Real milliseconds until simulated time reaches `atMs`. */
  realDelayUntil(atMs: number): number {
    return Math.max(0, (atMs - this.now()) / this.speed);
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();
