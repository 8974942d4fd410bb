// Rule documentation lives in each rule file, in the doc comment above `export default defineRule(…)`, as
// ruff keeps it in doc comments: this module reads it back and writes `docs/rules/CODE.md` and the
// README's rules table from it (`npm run docs:rules`; `npm test` does it too, and only checks under CI).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { rulesMarkdown } from '../cli/formats/rules';
import { allRules, builtinProfile, BUILTIN_PROFILES, languageApplies, suppressionHelp, type Language, type Profile, type RuleMeta } from '../engine';

export const RULES_DIR = 'server/src/engine/rules';

/** An example from a rule's documentation; the doc-example test lints it under `profile`. */
export interface DocExample {
  language: Language;
  /** `fails`: the rule must report it; `passes`: it must not. */
  verdict: 'fails' | 'passes';
  profile: string;
  /** A catalog lock (repository-relative path), for rules that read one. */
  lock?: string;
  code: string;
}

export interface RuleDoc {
  meta: RuleMeta;
  /** The rule file, relative to the repository root. */
  file: string;
  /** The doc comment's Markdown, without the comment's ` * ` margin. */
  markdown: string;
}

const FENCE_LANGUAGE: Record<Language, string> = { dockerfile: 'dockerfile', python: 'python' };
const REQUIRED_SECTIONS = ['What it checks', 'Why', 'Examples'];

/** The Markdown of the doc comment right above the rule file's `export default`. */
export function docComment(text: string, file = 'rule.ts'): string | undefined {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const exported = source.statements.find(ts.isExportAssignment);
  if (!exported) return undefined;
  const ranges = ts.getLeadingCommentRanges(text, exported.pos) ?? [];
  const last = ranges.filter((r) => text.startsWith('/**', r.pos)).pop();
  if (!last) return undefined;
  const body = text.slice(last.pos + 3, last.end - 2);
  return (
    body
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n')
      .trim() + '\n'
  );
}

export function readRuleDocs(root: string, rules: RuleMeta[] = allRules()): RuleDoc[] {
  return rules.map((meta) => {
    const file = `${RULES_DIR}/${meta.code}-${meta.name}.ts`;
    const markdown = docComment(readFileSync(join(root, file), 'utf8'), file);
    if (!markdown) throw new Error(`${file}: no doc comment above 'export default defineRule(…)'`);
    return { meta, file, markdown };
  });
}

/** An example fence's info string: "```dockerfile fails", "```dockerfile passes defra", "… lock=path/to/lock.json". */
const EXAMPLE_FENCE = /^```(\w+) (fails|passes)((?: [\w./=-]+)*)$/;

function fenceOptions(words: string): { profile: string; lock?: string } {
  const options: { profile: string; lock?: string } = { profile: 'gen3' };
  for (const word of words.trim().split(' ').filter(Boolean)) {
    if (word.startsWith('lock=')) options.lock = word.slice(5);
    else options.profile = word;
  }
  return options;
}

/** The examples in a rule's documentation, in order. */
export function examplesOf(markdown: string, language: Language): DocExample[] {
  const examples: DocExample[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = EXAMPLE_FENCE.exec(lines[i]);
    if (!m) continue;
    if (m[1] !== FENCE_LANGUAGE[language]) throw new Error(`example fenced as '${m[1]}' in a ${language} rule`);
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`example at line ${i + 1} of the doc comment has no closing fence`);
    examples.push({ language, verdict: m[2] as DocExample['verdict'], ...fenceOptions(m[3]), code: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return examples;
}

/** What is wrong with a rule's documentation as written (missing sections or examples); empty when nothing. */
export function docProblems(doc: RuleDoc): string[] {
  const problems: string[] = [];
  const headings = sections(doc.markdown).map((s) => s.heading);
  for (const required of REQUIRED_SECTIONS) if (!headings.includes(required)) problems.push(`no '## ${required}' section`);
  if (doc.meta.fixes?.length && !headings.includes('Fix')) problems.push(`offers ${doc.meta.fixes.join(', ')} fixes but has no '## Fix' section`);
  let examples: DocExample[] = [];
  try {
    examples = examplesOf(doc.markdown, doc.meta.language);
  } catch (e) {
    problems.push((e as Error).message);
  }
  for (const verdict of ['fails', 'passes'] as const) {
    if (!examples.some((e) => e.verdict === verdict)) problems.push(`no example that ${verdict === 'fails' ? 'fails' : 'passes'} ("\`\`\`${doc.meta.language} ${verdict}")`);
  }
  for (const e of examples) if (!builtinProfile(e.profile)) problems.push(`example under unknown profile '${e.profile}'`);
  if (/\bTODO\b/.test(doc.markdown)) problems.push('the documentation still says TODO');
  return problems;
}

interface Section {
  heading: string;
  body: string;
}

function sections(markdown: string): Section[] {
  const parts = markdown.split(/^## /m);
  return parts.slice(1).map((part) => {
    const newline = part.indexOf('\n');
    return { heading: part.slice(0, newline).trim(), body: part.slice(newline + 1).trim() };
  });
}

/** Which profile names the project ships with, as a reader knows them: `gen3` → Gen3. */
function profileLabel(id: string): string {
  return id === 'gen3' ? 'Gen3' : id[0].toUpperCase() + id.slice(1);
}

function renderExamples(body: string): string {
  return body
    .split('\n')
    .map((line) => {
      const m = EXAMPLE_FENCE.exec(line);
      if (!m) return line;
      const { profile, lock } = fenceOptions(m[3]);
      const under = `${profileLabel(profile)} profile${lock ? `, with the tag catalog lock [${lock.split('/').pop()}](../../${lock})` : ''}`;
      return `${m[2] === 'fails' ? 'Reported' : 'Not reported'} (${under}):\n\n\`\`\`${m[1]}`;
    })
    .join('\n');
}

const APPLICABILITY_TEXT = {
  safe: '**safe**: `--fix` and fix-on-save apply it',
  unsafe: '**unsafe**: offered as a quick fix, applied in bulk only by `--fix-unsafe`',
  suggestion: '**suggestion**: shown, never applied in bulk',
};

function renderFix(meta: RuleMeta, body: string | undefined): string {
  const fixes = meta.fixes ?? [];
  if (!fixes.length) return `## Fix\n\n${body && body !== 'None.' ? body : 'None: the finding needs a person to decide.'}\n`;
  const lead = `Applicability: ${fixes.map((a) => APPLICABILITY_TEXT[a]).join('; ')}.`;
  return `## Fix\n\n${lead}${body ? `\n\n${body}` : ''}\n`;
}

function renderSuppressing(meta: RuleMeta, body: string | undefined): string {
  return `## Suppressing\n\n${suppressionHelp(meta)}${body ? `\n\n${body}` : ''}\n`;
}

/** Every value found at `path` (`a.b`, `list[].field`) in the profile. */
export function profileValues(profile: unknown, path: string): unknown[] {
  let values: unknown[] = [profile];
  for (const part of path.split('.')) {
    const list = part.endsWith('[]');
    const key = list ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      if (next === undefined) return [];
      return list && Array.isArray(next) ? next : [next];
    });
  }
  return values;
}

function describeValues(values: unknown[]): string {
  if (!values.length) return 'not set';
  if (values.some((v) => v !== null && typeof v === 'object')) {
    return values.length === 1 && Array.isArray(values[0]) ? `${values[0].length} entries` : `${values.length} entries`;
  }
  const unique = [...new Set(values.map((v) => JSON.stringify(v)))];
  const shown = unique.slice(0, 4).map((v) => `\`${v}\``);
  return unique.length > 4 ? `${shown.join(', ')}, … (${unique.length} values)` : shown.join(', ');
}

function renderProfileFields(meta: RuleMeta, body: string | undefined, profiles: Profile[]): string {
  const fields = meta.profileFields ?? [];
  const lines = ['## Profile fields read', ''];
  if (fields.length) {
    lines.push(`| Field | ${profiles.map((p) => profileLabel(p.id)).join(' | ')} |`, `| --- |${profiles.map(() => ' --- |').join('')}`);
    for (const field of fields) lines.push(`| \`${field}\` | ${profiles.map((p) => describeValues(profileValues(p, field))).join(' | ')} |`);
  } else {
    lines.push('None: the rule reads no profile field.');
  }
  if (body) lines.push('', body);
  return lines.join('\n') + '\n';
}

function header(meta: RuleMeta, profiles: Profile[]): string {
  const fixes = meta.fixes?.length ? meta.fixes.join(', ') : 'none';
  const kind = meta.language === 'dockerfile' ? 'Dockerfiles' : 'Python files';
  const under = profiles.filter((p) => languageApplies(meta.language, p)).map((p) => profileLabel(p.id));
  const parts = [`**Default severity:** ${meta.severity}`, `**Fixes:** ${fixes}`, `**Applies to:** ${kind} (${under.join(', ') || 'no built-in profile'})`];
  const same = Object.entries(meta.equivalents ?? {}).flatMap(([tool, codes]) => (codes as string[]).map((c) => `${tool} ${c}`));
  if (same.length) parts.push(`**Same as:** ${same.join(', ')}`);
  return parts.join(' · ');
}

const GENERATED_NOTE = (file: string) => `<!-- Generated from ${file} by \`npm run docs:rules\`: edit the rule file's doc comment, not this page. -->`;

/** The whole `docs/rules/CODE.md` page for a rule. */
export function renderPage(doc: RuleDoc, profiles: Profile[] = Object.values(BUILTIN_PROFILES)): string {
  const { meta } = doc;
  const all = sections(doc.markdown);
  const body = (heading: string) => all.find((s) => s.heading === heading)?.body || undefined;
  const out = [`# ${meta.code} ${meta.name}`, '', GENERATED_NOTE(doc.file), '', header(meta, profiles), '', meta.summary, ''];
  let wroteFix = false;
  for (const s of all) {
    if (s.heading === 'Suppressing' || s.heading === 'Profile fields read') continue;
    if (s.heading === 'Fix') {
      out.push(renderFix(meta, s.body));
      wroteFix = true;
      continue;
    }
    out.push(`## ${s.heading}\n\n${s.heading === 'Examples' ? renderExamples(s.body) : s.body}\n`);
  }
  if (!wroteFix) out.push(renderFix(meta, undefined));
  out.push(renderSuppressing(meta, body('Suppressing')), renderProfileFields(meta, body('Profile fields read'), profiles));
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Replaces the README's rules table (between its markers) with the current one. */
export function withRulesTable(readme: string, rules: RuleMeta[] = allRules()): string {
  return readme.replace(/(<!-- rules:start[^>]*-->\n)[\s\S]*?(<!-- rules:end -->)/, (_, start, end) => start + rulesMarkdown(rules) + end);
}

/** Every generated file (path relative to the root → content): the rule pages and the README. */
export function generatedDocs(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const doc of readRuleDocs(root)) files.set(`docs/rules/${doc.meta.code}.md`, renderPage(doc));
  files.set('README.md', withRulesTable(readFileSync(join(root, 'README.md'), 'utf8')));
  return files;
}

/** Generated files whose committed text differs from what the rule files say now, and pages no rule makes. */
export function staleDocs(root: string): string[] {
  const files = generatedDocs(root);
  const stale = [...files].filter(([path, text]) => {
    try {
      return readFileSync(join(root, path), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  const orphans = readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md') && !files.has(`docs/rules/${f}`));
  return [...stale.map(([path]) => path), ...orphans.map((f) => `docs/rules/${f} (no rule)`)];
}
