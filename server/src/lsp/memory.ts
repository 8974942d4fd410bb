import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Documents at least this large are collected right after they close. */
export const LARGE_DOCUMENT = 1024 * 1024;

let gc: (() => void) | undefined;

/**
 * Runs a full garbage collection now. After a large document closes, V8 would otherwise keep its
 * pages (tens of MB for a 20 MB text) until some later collection; the editor's process then looks
 * as if it leaked. `--expose-gc` is set at run time, so the client needs no special flags.
 */
export function collectGarbage(): void {
  try {
    if (!gc) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    // Not available in this runtime: memory returns at V8's own pace.
  }
}
