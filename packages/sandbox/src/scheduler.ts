/**
 * Runs the sandbox's delayed transitions. Every delay is in sandbox time and multiplied by the
 * time scale, so tests can run a 30-minute expiry in milliseconds.
 */
export class Scheduler {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(readonly timeScale: number) {
    if (!Number.isFinite(timeScale) || timeScale < 0) {
      throw new RangeError(`timeScale must be a number >= 0, got ${timeScale}`);
    }
  }

  /** Real milliseconds for `ms` of sandbox time. */
  scaled(ms: number): number {
    return ms * this.timeScale;
  }

  /** Calls `run` after `ms` of sandbox time; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void {
    return this.inRealMs(this.scaled(ms), run);
  }

  /**
   * Calls `run` at `deadline`, a real time (Date.now()), whatever the time scale: how a transition
   * saved before a restart keeps its original moment. Returns a function that cancels it.
   */
  at(deadline: number, run: () => void): () => void {
    return this.inRealMs(Math.max(0, deadline - Date.now()), run);
  }

  private inRealMs(ms: number, run: () => void): () => void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    // A forgotten sandbox must not keep a test process alive.
    timer.unref();
    this.pending.add(timer);
    return () => {
      clearTimeout(timer);
      this.pending.delete(timer);
    };
  }

  /** Cancels everything still waiting. */
  cancelAll(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
