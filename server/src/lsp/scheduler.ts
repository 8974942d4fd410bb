/**
 * Runs one check per document after typing pauses. Every new request for a document makes the older
 * ones stale: a pending timer is dropped, and a check already running learns through `isCurrent` that
 * its result must not be published.
 */
export class CheckScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly check: (uri: string, isCurrent: () => boolean) => Promise<void>,
    private readonly delayMs: number,
  ) {}

  /** Checks after the pause; `now` skips it (a document just opened, or the settings changed). */
  schedule(uri: string, now = false): void {
    const generation = this.invalidate(uri);
    const run = () => {
      this.timers.delete(uri);
      void this.check(uri, () => this.generations.get(uri) === generation);
    };
    if (now) run();
    else this.timers.set(uri, setTimeout(run, this.delayMs));
  }

  cancel(uri: string): void {
    this.invalidate(uri);
    this.generations.delete(uri);
  }

  private invalidate(uri: string): number {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return generation;
  }
}
