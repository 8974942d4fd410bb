/**
 * The language server must outlive any request: an exception in a handler (ours or a library's, sync
 * or async) becomes one logged error and an empty answer, never an error the client shows or a dead
 * process.
 */
export type Log = (message: string) => void;

export function guard<A extends unknown[], R, F>(log: Log, what: string, fallback: F, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R | F> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      log(`${what} failed: ${describe(e)}`);
      return fallback;
    }
  };
}

export function describe(error: unknown): string {
  const e = error as Error | undefined;
  return (e && typeof e === 'object' && (e.stack ?? e.message)) || String(error);
}

/** The last line of defence: a throw outside every handler (a timer, a stray promise) is logged, not fatal. */
export function keepAlive(log: Log): void {
  process.on('uncaughtException', (e) => log(`unexpected error (the server keeps running): ${describe(e)}`));
  process.on('unhandledRejection', (e) => log(`unexpected error (the server keeps running): ${describe(e)}`));
}

/** Formatting options from the client, clamped: a tab size of 1e9 would make the formatter build gigabytes of spaces. */
export const MAX_TAB_SIZE = 16;

export function clampFormatting(options: { tabSize?: unknown; insertSpaces?: unknown; ignoreMultilineInstructions?: unknown } | undefined): {
  tabSize: number;
  insertSpaces: boolean;
  ignoreMultilineInstructions: boolean;
} {
  const size = Number(options?.tabSize);
  return {
    tabSize: Number.isFinite(size) ? Math.min(MAX_TAB_SIZE, Math.max(1, Math.trunc(size))) : 4,
    insertSpaces: options?.insertSpaces !== false,
    ignoreMultilineInstructions: options?.ignoreMultilineInstructions === true,
  };
}
