/**
 * When the language server dies, the client starts it again, at most MAX_RESTARTS times in
 * RESTART_WINDOW_MS; past that it leaves it stopped rather than loop on a file that kills it.
 * The user is told once, on the first crash, what happens and what will; giving up later shows in
 * the status bar (`gaveUp`), not in another notification.
 */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export const RESTARTED_MESSAGE = `The Container Standards language server stopped unexpectedly and was restarted; if it stops ${MAX_RESTARTS + 1} times within 3 minutes it stays stopped and the status bar says so (the "Container Standards" output has the details).`;

export interface Verdict {
  restart: boolean;
  /** What to tell the user in a notification: only on the first crash. */
  tell?: string;
  /** This crash is the one after which the server stays stopped. */
  gaveUp?: boolean;
}

export class RestartPolicy {
  private readonly crashes: number[] = [];
  private told = false;
  private stopped = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The server's connection closed unexpectedly: restart it or not, and what (if anything) to tell the user. */
  closed(): Verdict {
    const at = this.now();
    this.crashes.push(at);
    while (this.crashes.length && at - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    const tell = this.told ? undefined : RESTARTED_MESSAGE;
    this.told = true;
    if (this.crashes.length <= MAX_RESTARTS) return { restart: true, tell };
    const gaveUp = !this.stopped;
    this.stopped = true;
    return { restart: false, gaveUp };
  }
}
