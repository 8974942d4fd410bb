import type { LanguageSupport } from '../language';
import type { Profile } from '../profile/schema';
import { PYTHON_RULES } from '../rules';
import type { Finding } from '../types';
import type { PythonContext } from './context';
import { NodeIndex, subscriberOf, type Subscriber } from './dispatch';
import { ImportIndex } from './imports';
import { importLine } from './layout';
import { parsePython, type Node } from './parser';
import { ignoreFileEdit, isSuppressedInFile, isSuppressedOnLine, noqaEdit, pragmaCovers, readFilePragmas, readLinePragmas } from './pragmas';
import { Reachability, versionsOf } from './reachability';
import type { PythonRule } from './rule';
import { plan, remember, reuseKey, reuseStats, sameBindings, spansOf, type ReusePlan } from './reuse';
import { Symbols } from './symbols';
import { pythonDamage } from './syntax';

/**
 * Python checking for a set of rules: parse once, answer the rules' preconditions from the imports,
 * walk the tree once, and hand each rule the nodes it asked for (`definePythonRule`). Nothing here
 * knows what a rule looks for; a file is left unparsed only when no rule could say anything about it.
 */
export function pythonSupportFor(rules: readonly PythonRule[]): LanguageSupport<PythonContext> {
  return {
    language: 'python',
    appliesTo: (profile) => rules.some((r) => appliesTo(r, profile)),
    async prepare(source, { profile, catalog, memo, rules: settings }) {
      const text = source.text;
      const none: PythonContext = { source, profile, catalog, pragmas: new Map(), filePragmas: { codes: new Set() }, importLine: () => 0 };
      // The text gate is the rules' own: a rule that needs a module cannot fire where its name never appears.
      const mentioned = new Map<string, boolean>();
      const mentions = (m: string) => mentioned.get(m) ?? (mentioned.set(m, text.includes(m)), mentioned.get(m)!);
      const candidates = rules.filter((r) => appliesTo(r, profile) && (!r.imports || r.imports.some(mentions)));
      if (!candidates.length) return none;
      const tree = await parsePython(text, memo);
      try {
        const root = tree.rootNode;
        const imports = new ImportIndex(root, text);
        const active: Subscriber[] = candidates.filter((r) => NodeIndex.applies(r, imports)).map(subscriberOf);
        if (!active.length) {
          tree.delete();
          return none;
        }
        const reachable = NodeIndex.applies(Reachability.subscriber, imports);
        if (reachable) active.push(Reachability.subscriber);
        // What decides which rules run and which names they follow: findings carry over only while it holds.
        const gate = active.map((s) => (s.viaImport && s.imports ? [...imports.namesOf(s.imports)].sort().join(' ') : `${s.kinds}`)).join('|');
        const key = reuseKey(settings, gate);
        let line: number | undefined;
        let reuse: ReusePlan | undefined = memo && plan(memo, source, root, { key, profile, catalog });
        let nodes: NodeIndex | undefined;
        let symbols: Symbols | undefined;
        if (reuse) {
          nodes = new NodeIndex(imports, active, root, text, { start: reuse.start, end: reuse.end });
          symbols = new Symbols(root, nodes, { partial: reuse });
          const made = symbols.moduleBindings.slice(reuse.before.length, symbols.moduleBindings.length - reuse.after.length);
          if (!sameBindings(made, reuse.replaced)) reuse = undefined;
          else if (reuse.importLine !== undefined && importLine(root) !== reuse.importLine) reuse = undefined;
          else line = reuse.importLine;
        }
        if (!reuse) {
          nodes = new NodeIndex(imports, active, root, text);
          symbols = new Symbols(root, nodes);
        }
        if (memo) reuseStats[reuse ? 'partial' : 'full']++;
        return {
          ...none,
          symbols,
          nodes,
          tree,
          pragmas: readLinePragmas(symbols!.comments, source, rules),
          filePragmas: reuse?.filePragmas ?? readFilePragmas(symbols!.comments, source, rules),
          importLine: () => (line ??= importLine(root)),
          reachability: reachable ? new Reachability(nodes!, symbols!, versionsOf(profile.python.supported)) : undefined,
          reuse: memo && { memo, key, plan: reuse, importLine: () => line },
        };
      } catch (e) {
        tree.delete();
        throw e;
      }
    },
    rules,
    isSuppressed: (ctx, finding) =>
      !!ctx.reachability?.isDead(ctx.source.offsetAt(finding.range.start)) ||
      isSuppressedInFile(ctx.filePragmas, finding) ||
      isSuppressedOnLine(ctx.pragmas, finding) ||
      suppressedInCall(ctx, finding),
    suppressionEdit: (ctx, finding) => ctx.reuse?.plan?.suppressions.get(finding) ?? noqaEdit(ctx.pragmas, ctx.source, finding),
    carried: (ctx) => ctx.reuse?.plan?.carried ?? [],
    remember(ctx, findings) {
      if (!ctx.reuse || !ctx.tree || !ctx.symbols) return;
      const { memo, key, plan: reused } = ctx.reuse;
      remember(memo, {
        text: ctx.source.text,
        lineCount: ctx.source.lineCount,
        eol: ctx.source.eol,
        key,
        profile: ctx.profile,
        catalog: ctx.catalog,
        spans: reused?.spans ?? spansOf(ctx.tree.rootNode),
        bindings: ctx.symbols.moduleBindings,
        findings: findings.map((finding) => ({ finding, suppression: this.suppressionEdit(ctx, finding) })),
        filePragmas: ctx.filePragmas,
        importLine: ctx.reuse.importLine(),
      });
    },
    fileSuppressionEdit: (ctx, finding) => ignoreFileEdit(ctx.filePragmas, ctx.source, finding),
    syntaxDamage: (before, after) => pythonDamage(before, after),
    dispose(ctx) {
      ctx.tree?.delete();
    },
  };
}

export const pythonSupport = pythonSupportFor(PYTHON_RULES);

function appliesTo(rule: PythonRule, profile: Profile): boolean {
  return rule.appliesTo?.(profile) ?? true;
}

/**
 * A `# noqa`/`# nosec` on any line of the call the finding sits in counts, as bandit reads it: black
 * puts a long call's closing parenthesis, and so the comment, lines below the finding.
 */
function suppressedInCall(ctx: PythonContext, finding: Finding): boolean {
  if (!ctx.pragmas.size || !ctx.tree) return false;
  const { source } = ctx;
  let node: Node | null = ctx.tree.rootNode.descendantForIndex(source.offsetAt(finding.range.start), source.offsetAt(finding.range.end));
  // The innermost call around the finding, within its statement.
  while (node && node.type !== 'call') node = STATEMENT.test(node.type) ? null : node.parent;
  if (!node) return false;
  for (let line = node.startPosition.row; line <= node.endPosition.row; line++) if (pragmaCovers(ctx.pragmas, line, finding.code)) return true;
  return false;
}

const STATEMENT = /_statement$|^(block|module|function_definition|class_definition|decorated_definition)$/;
