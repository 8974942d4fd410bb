import {
  atLeast,
  chosenFix,
  fixChecker,
  fixPasses,
  spliceText,
  EncodingError,
  type DroppedFix,
  type EncodedText,
  type Finding,
  type FixMode,
  type Language,
  type Severity,
} from '../engine';
import type { Settings } from './config';
import { CliError, oneLine } from './errors';
import { TOOL_NAME } from '../product';

// One file's check, shared by the CLI's main thread and its worker threads (checkWorker.ts).

export interface Options {
  threshold: Severity;
  /** The exit code is 1 when a reported finding (one `threshold` shows) reaches this severity. */
  failOn: Severity;
  fixMode: FixMode;
}

/** What checking one file gives its report (the findings refer to `text`, the text after any fixes). */
export interface CheckResult {
  text: string;
  findings: Finding[];
  /** Fixes applied by `--fix`. */
  fixed: number;
  dropped: DroppedFix[];
  /** A finding reaches `--fail-on`. */
  fails: boolean;
}

/** An engine failure is a bug: said as one, naming the file. */
function guarded<T>(shown: string, run: () => Promise<T>): Promise<T> {
  return run().catch((e: unknown) => {
    throw new CliError(
      `checking '${shown}' failed: ${oneLine((e as Error).message ?? String(e))}`,
      `this is a bug in ${TOOL_NAME}; please report it with the file`,
    );
  });
}

function checkerFor(language: Language, settings: Settings, options: Options) {
  return fixChecker(language, settings, (f) => atLeast(f.severity, options.threshold));
}

const failsOn = (findings: Finding[], options: Options) => findings.some((f) => atLeast(f.severity, options.failOn));

/** Lints one file's text without fixing it, keeping findings at or above the threshold. */
export async function lintText(text: string, language: Language, settings: Settings, options: Options, shown: string): Promise<CheckResult> {
  const findings = await guarded(shown, () => checkerFor(language, settings, options).lint(text));
  return { text, findings, fixed: 0, dropped: [], fails: failsOn(findings, options) };
}

/**
 * Lints one file (fixing it in passes under --fix), keeping findings at or above the threshold. Fixes are
 * replayed on the file's bytes, so nothing outside an edit changes, whatever the encoding.
 */
export async function checkText(
  source: EncodedText,
  language: Language,
  settings: Settings,
  options: Options,
  shown: string,
): Promise<CheckResult & { source: EncodedText }> {
  const { text } = source;
  if (options.fixMode === 'none') return { source, ...(await lintText(text, language, settings, options, shown)) };
  const checker = checkerFor(language, settings, options);
  const result = await guarded(shown, () => fixPasses(text, checker, (f) => chosenFix(f, options.fixMode)));
  let fixed = source;
  let replayed = text;
  for (const spans of result.passes) {
    try {
      fixed = fixed.splice(spans);
    } catch (e) {
      if (!(e instanceof EncodingError)) throw e;
      throw new CliError(`cannot write fixes to '${shown}': it ${e.message}`, 'fix it by hand, or run without --fix');
    }
    replayed = spliceText(replayed, spans);
  }
  // The bytes must decode to the very text that was verified; anything else is never written.
  if (fixed.text !== replayed || replayed !== result.text) {
    throw new CliError(`cannot write fixes to '${shown}': its ${source.encoding} bytes would not hold the fixed text`, 'fix it by hand, or run without --fix');
  }
  return {
    source: fixed,
    text: result.text,
    findings: result.findings,
    fixed: result.applied,
    dropped: result.dropped,
    fails: failsOn(result.findings, options),
  };
}
