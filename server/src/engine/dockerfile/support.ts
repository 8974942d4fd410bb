import type { Instruction } from 'dockerfile-ast';
import type { LanguageSupport } from '../language';
import { insert } from '../text';
import type { Finding } from '../types';
import { DOCKERFILE_RULES } from '../rules';
import type { DockerfileContext } from './context';
import { buildModel } from './model';
import { decideScope } from './scope';
import { holding, readPragmas, type Pragmas } from './pragmas';
import { dockerfileDamage } from './syntax';

interface Context extends DockerfileContext {
  pragmas: Pragmas;
  /** Start lines of the instructions, in order, and each one's end line; built on the first suppression edit. */
  spans?: { starts: number[]; ends: number[] };
  /** The line pragmas in document order, for `holding`. */
  linePragmas: Array<{ instruction: Instruction; codes: Set<string> }>;
}

/** The start line of the instruction that covers `line`, or `line` when none does (a comment or blank line). */
function instructionStart(ctx: Context, line: number): number {
  // The editor asks for up to 1,000 findings' edits per check: scanning every instruction for each was
  // quadratic (90 ms a check on a 10,000-line Dockerfile), so the spans are read once and searched.
  if (!ctx.spans) {
    const ranges = ctx.model.dockerfile.getInstructions().map((i) => i.getRange());
    ctx.spans = { starts: ranges.map((r) => r.start.line), ends: ranges.map((r) => r.end.line) };
  }
  const { starts, ends } = ctx.spans;
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== -1 && line <= ends[found] ? starts[found] : line;
}

function matches(codes: Set<string>, finding: Finding): boolean {
  return codes.has('*') || codes.has(finding.code.toUpperCase()) || codes.has(finding.name.toUpperCase());
}

export const dockerfileSupport: LanguageSupport<Context> = {
  language: 'dockerfile',
  appliesTo: () => true,
  prepare(source, { profile, catalog, buildArgs, scope, siblings }) {
    const model = buildModel(source.text, buildArgs, source);
    const ctx = { source, model, profile, catalog, scope: decideScope(model, catalog, scope, siblings, source) } as Context;
    ctx.pragmas = readPragmas(ctx, DOCKERFILE_RULES);
    ctx.linePragmas = [...ctx.pragmas.byInstruction.values()];
    return ctx;
  },
  rules: DOCKERFILE_RULES,
  // Outside the standard's scope one note (SCP001) says so; the image and user rules do not apply.
  skips: (ctx, rule) => !ctx.scope.inScope && rule.code !== 'SCP001',
  syntaxDamage: dockerfileDamage,
  fileSuppressionEdit(ctx, finding) {
    // An `ignore-file=` pragma already above the first instruction takes the code; else a new one goes
    // after any parser directives (`# syntax=…` must stay first, or Docker reads it as a comment).
    const instructions = ctx.model.dockerfile.getInstructions();
    const firstInstruction = instructions.length ? instructions[0].getRange().start.line : ctx.source.lineCount;
    for (let line = 0; line < firstInstruction; line++) {
      const text = ctx.source.lineText(line);
      if (/^\s*#\s*container-standards\s+ignore-file\s*=\s*\S/i.test(text)) return insert({ line, character: text.trimEnd().length }, `,${finding.code}`);
    }
    const directives = ctx.model.dockerfile.getDirectives();
    const at = directives.length ? directives[directives.length - 1].getRange().end.line + 1 : 0;
    return insert({ line: at, character: 0 }, `# container-standards ignore-file=${finding.code}${ctx.source.eol}`);
  },
  isSuppressed(ctx, finding) {
    if (matches(ctx.pragmas.file, finding)) return true;
    const pragma = holding(ctx.linePragmas, finding.range.start.line, (p) => p.instruction);
    return pragma !== undefined && matches(pragma.codes, finding);
  },
  suppressionEdit(ctx, finding) {
    const at = instructionStart(ctx, finding.range.start.line);
    const existing = ctx.pragmas.byInstruction.get(at);
    const above = at - 1;
    if (existing && above >= 0 && /^\s*#\s*container-standards\s+ignore\s*=/i.test(ctx.source.lineText(above))) {
      return insert({ line: above, character: ctx.source.lineText(above).trimEnd().length }, `,${finding.code}`);
    }
    return insert({ line: at, character: 0 }, `${ctx.source.indentOf(at)}# container-standards ignore=${finding.code}${ctx.source.eol}`);
  },
};
