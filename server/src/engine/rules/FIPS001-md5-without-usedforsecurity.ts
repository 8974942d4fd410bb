import type { PythonContext } from '../python/context';
import { addKeywordArgument, rangeOf, retarget, setKeywordValue } from '../python/edits';
import type { Md5Call } from '../python/hashing';
import { defineRule } from '../rule';
import type { Fix } from '../types';
import { securityEvidence } from './FIPS005-md5-for-security';

const SAFE_FLAG = 'usedforsecurity=False';

export default defineRule<PythonContext>({
  meta: {
    code: 'FIPS001',
    name: 'md5-without-usedforsecurity',
    language: 'python',
    severity: 'error',
    summary: 'MD5 must be created with usedforsecurity=False, or it raises ValueError in FIPS mode.',
    fixes: ['safe', 'unsafe'],
    equivalents: { ruff: ['S324'], bandit: ['B324'] },
  },
  check({ source, uses, symbols }, report) {
    for (const use of uses.md5Calls) {
      const { flag } = use;
      if (flag.kind === 'false') continue;
      const what = use.algorithm ? `hashlib.new(${use.algorithm.text})` : `'${use.callee.text}'`;
      const target = flag.kind === 'true' || flag.kind === 'unknown' ? flag.keyword : (use.algorithm ?? use.callee);
      const fixes: Fix[] = [];
      const flagFix =
        flag.kind === 'missing' ? addKeywordArgument(source, use.call, SAFE_FLAG) : flag.kind === 'true' ? setKeywordValue(source, flag.value, 'False') : undefined;
      // Where the hash evidently protects something, the flag trades this finding for FIPS005: not safe.
      const applicability = securityEvidence(use.call) ? 'unsafe' : 'safe';
      if (flagFix) fixes.push({ title: `Add ${SAFE_FLAG} (for checksums, cache keys and other non-security uses)`, edits: flagFix, preferred: true, applicability });
      if (flag.kind === 'unknown') {
        fixes.push({ title: `Set ${SAFE_FLAG}`, edits: setKeywordValue(source, flag.value, 'False'), applicability: 'unsafe' });
      }
      const sha = sha256Fix(use, source, symbols);
      if (sha) fixes.push(sha);
      report({ range: rangeOf(source, target), message: message(what, use), fixes });
    }
  },
});

function message(what: string, { flag }: Md5Call): string {
  const then = 'MD5 raises ValueError when the base image runs in FIPS mode';
  switch (flag.kind) {
    case 'true':
      return `${what} with usedforsecurity=True: ${then}. Pass usedforsecurity=False if this is not a security use, else use hashlib.sha256.`;
    case 'unknown':
      return `${what} with usedforsecurity=${flag.value.text}, which cannot be proven False: ${then} unless it is. Write usedforsecurity=False, or use hashlib.sha256 for security uses.`;
    case 'splat':
      return `${what} may or may not get usedforsecurity=False from **kwargs: ${then} unless it does. Pass usedforsecurity=False explicitly.`;
    default:
      return `${what} without usedforsecurity=False: ${then}. Add usedforsecurity=False for non-security uses, or use hashlib.sha256.`;
  }
}

function sha256Fix(use: Md5Call, source: PythonContext['source'], symbols: PythonContext['symbols']): Fix | undefined {
  const edits = retarget(source, use.algorithm ?? use.callee, symbols, 'sha256');
  return edits && { title: 'Use hashlib.sha256 instead (changes the digest: for security uses)', edits, applicability: 'unsafe' };
}
