/**
 * The house shape of a finding's message, as ruff words `message` apart from `fix_title`: one sentence
 * saying what is wrong here, naming the thing (image, tag, user, call); the remedy belongs to the fix
 * title and the rule's documentation.
 */

/** Messages longer than this are cut off in hovers and CI logs; the fixtures' messages must stay within it. */
export const MESSAGE_MAX = 160;
/** The median the fixtures' messages aim under. */
export const MESSAGE_MEDIAN_MAX = 90;

/**
 * Quoted values (`'quay.io/cdis/x:3.13'`, `hashlib.new("md5")`) are the user's text, not our sentence: their
 * dots and semicolons do not count. A quote opens after a space, `(` or the start (so `profile's` is no quote).
 */
function withoutQuoted(message: string): string {
  return message.replace(/(^|[\s(])'[^']*'/g, '$1Q').replace(/"[^"]*"/g, 'Q');
}

/** Why `message` is not one sentence (empty when it is). */
export function sentenceProblems(message: string): string[] {
  const problems: string[] = [];
  if (!message.endsWith('.')) problems.push('does not end with a full stop');
  const own = withoutQuoted(message.slice(0, -1));
  if (own.includes(';')) problems.push("has a ';' (the remedy goes in the fix title)");
  // A full stop, ! or ? followed by a space ends a sentence; `3.13`, `hashlib.md5` and `…` do not.
  if (/[.!?]['")]?\s/.test(own)) problems.push('has more than one sentence');
  if (/\n/.test(message)) problems.push('spans lines');
  return problems;
}

/** Why a profile note, which completes a message's sentence ("'<name>' is <note>."), cannot do so. */
export function noteProblems(note: string): string[] {
  const problems = sentenceProblems(`'x' ${note}.`);
  if (note.endsWith('.')) problems.push('ends with a full stop (the message adds one)');
  return problems;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
