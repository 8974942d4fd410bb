/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a terminal shows,
 * written as visible escapes: a file name with a newline cannot forge a finding line, and an escape
 * sequence in a FROM line cannot drive the terminal.
 */
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_TAB = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** For text that stays on one line (file names, messages): tabs are escaped too. */
export function visible(text: string): string {
  return text.replace(UNSAFE_OR_TAB, escapeOne);
}

/** For source lines: tabs stay (the excerpt expands them), everything else unsafe is escaped. */
export function visibleSource(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}
