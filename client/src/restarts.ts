/**
 * When the language server dies, the client starts it again, at most MAX_RESTARTS times in
 * RESTART_WINDOW_MS; past that it leaves it stopped rather than loop on a file that kills it.
 * The user hears about it once per kind: the first restart, and giving up.
 */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export type Verdict = { restart: true; tell?: string } | { restart: false; tell?: string };

export class RestartPolicy {
  private readonly crashes: number[] = [];
  private toldRestart = false;
  private toldStop = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The server's connection closed unexpectedly: restart it or not, and what (if anything) to tell the user. */
  closed(): Verdict {
    const at = this.now();
    this.crashes.push(at);
    while (this.crashes.length && at - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length <= MAX_RESTARTS) {
      const tell = this.toldRestart
        ? undefined
        : 'The Container Standards language server stopped unexpectedly and was restarted. The "Container Standards" output has the details.';
      this.toldRestart = true;
      return { restart: true, tell };
    }
    const tell = this.toldStop
      ? undefined
      : `The Container Standards language server stopped ${MAX_RESTARTS + 1} times within 3 minutes and will not be restarted. Reload the window to start it again; the "Container Standards" output has the details.`;
    this.toldStop = true;
    return { restart: false, tell };
  }
}
