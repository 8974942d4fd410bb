import type { LanguageSupport } from '../language';
import { PYTHON_RULES } from '../rules';
import type { PythonContext } from './context';
import { findHashingUses, type HashingUses } from './hashing';
import { importLine } from './layout';
import { parsePython } from './parser';
import { ignoreFileEdit, isSuppressedInFile, isSuppressedOnLine, noqaEdit, readFilePragmas, readLinePragmas } from './pragmas';
import { Symbols } from './symbols';
import { pythonDamage } from './syntax';

const NOTHING: HashingUses = { md5Calls: [], otherCalls: [], keyed: [], references: [] };

// Every finding needs hashlib or hmac imported, so a file that never names them is skipped unparsed.
const MENTIONS_HASHING = /hashlib|hmac/;

export const pythonSupport: LanguageSupport<PythonContext> = {
  language: 'python',
  // The rules are about FIPS mode: they apply when the profile's images turn it on.
  appliesTo: (profile) => profile.fips,
  async prepare(source, { profile, catalog }) {
    if (!MENTIONS_HASHING.test(source.text)) {
      return { source, profile, catalog, uses: NOTHING, pragmas: new Map(), filePragmas: { codes: new Set() }, importLine: 0 };
    }
    const tree = await parsePython(source.text);
    try {
      const root = tree.rootNode;
      const symbols = new Symbols(root, source.text);
      return {
        source,
        profile,
        catalog,
        symbols,
        uses: findHashingUses(root, symbols),
        pragmas: readLinePragmas(symbols.comments, source, PYTHON_RULES),
        filePragmas: readFilePragmas(symbols.comments, source, PYTHON_RULES),
        importLine: importLine(root),
        tree,
      };
    } catch (e) {
      tree.delete();
      throw e;
    }
  },
  rules: PYTHON_RULES,
  isSuppressed: (ctx, finding) => isSuppressedInFile(ctx.filePragmas, finding) || isSuppressedOnLine(ctx.pragmas, finding),
  suppressionEdit: (ctx, finding) => noqaEdit(ctx.pragmas, ctx.source, finding),
  fileSuppressionEdit: (ctx, finding) => ignoreFileEdit(ctx.filePragmas, ctx.source, finding),
  syntaxDamage: (before, after) => pythonDamage(before, after),
  dispose(ctx) {
    ctx.tree?.delete();
  },
};
