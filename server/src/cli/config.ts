import { join } from 'node:path';
import { allRules, CONFIG_FILE, ruleCodeOf, type RuleSetting } from '../engine';
import { ConfigLoader, isFileProblem, profileIds, type ProblemHint, type ResolvedSettings, type SettingsProblem } from '../node/config';
import { CliError } from './errors';
import { suggestion } from './suggest';
import { shownPath } from './paths';

export { CONFIG_FILE, profileIds };
export type Settings = ResolvedSettings;

const SETTINGS = ['off', 'error', 'warning', 'info'];

export interface CommandLineSettings {
  cwd: string;
  /** `--profile`: a built-in id or a path; wins over config files. */
  profile?: string;
  /** `--select`: when given, every rule it does not name is off. */
  select?: string[];
  /** `--rule`, already checked; wins over config files. */
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  useConfig: boolean;
  /** `--no-gitignore` turns it off. */
  gitignore?: boolean;
  /** `--allow-outside-profile`. */
  allowOutsideProfile?: boolean;
}

/** Every rule code and name, for "did you mean". */
function ruleWords(): string[] {
  return allRules().flatMap((r) => [r.code, r.name]);
}

/** `CODE=setting` from `--rule`. */
export function parseRuleSetting(word: string, setting: string, where: string): [string, RuleSetting] {
  const code = ruleCodeOf(word);
  if (!code) throw new CliError(`unknown rule '${word}' in ${where}`, `${suggestion(word, ruleWords())}run 'container-standards rules' to list the rules`);
  if (!SETTINGS.includes(setting)) throw new CliError(`'${setting}' for ${code} in ${where} is not a setting`, 'use off, error, warning or info');
  return [code, setting as RuleSetting];
}

/** Rules `--select` turns off: those whose code starts with none of the words and whose name is none of them. */
export function unselected(words: string[]): Record<string, RuleSetting> {
  const rules = allRules();
  for (const word of words) {
    const w = word.toLowerCase();
    if (!rules.some((r) => r.code.toLowerCase().startsWith(w) || r.name === w)) {
      throw new CliError(
        `--select '${word}' matches no rule`,
        `${suggestion(word, ruleWords())}give codes, code prefixes (IMG) or names; 'container-standards rules' lists them`,
      );
    }
  }
  const off: Record<string, RuleSetting> = {};
  for (const r of rules) {
    const chosen = words.some((word) => r.code.toLowerCase().startsWith(word.toLowerCase()) || r.name === word.toLowerCase());
    if (!chosen) off[r.code] = 'off';
  }
  return off;
}

function remedy(hint: ProblemHint): string {
  switch (hint) {
    case 'outside-profile':
      return 'move the profile into the repository, or run with --allow-outside-profile if you trust this repository';
    case 'unknown-profile':
      return `use one of ${profileIds()}, or a path to a profile file`;
    case 'fix-profile':
      return 'fix the profile; profiles/profile.schema.json describes the format';
    case 'fix-lock':
      return "run 'container-standards catalog sync' to write it again, or delete it";
    case 'untrusted':
    case 'fix-config':
      return 'fix the file (profiles/config.schema.json describes it), or run with --no-config to ignore it';
  }
}

/** The CLI's words for a settings problem: `--profile` for the flag, `file:line:column` for a file. */
export function cliError(problems: SettingsProblem[], cwd: string): CliError {
  const errors = problems.filter((p) => !isFileProblem(p) || p.severity === 'error');
  const first = errors[0] ?? problems[0];
  if (!isFileProblem(first)) {
    if (first.kind === 'unknown') return new CliError(`unknown profile '${first.ref}' in --profile`, remedy('unknown-profile'));
    return new CliError(`cannot read profile file '${shownPath(cwd, first.path)}' (--profile): ${first.why}`, `check the path, or use one of ${profileIds()}`);
  }
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  const where = `${shownPath(cwd, first.file)}:${first.range.start.line + 1}:${first.range.start.character + 1}`;
  return new CliError(`${where}: ${first.message}${more}`, remedy(first.hint));
}

/** Reads configs and profiles once each and merges them with the command line per file. */
export class SettingsResolver {
  private readonly loader: ConfigLoader;
  private readonly selected: Record<string, RuleSetting>;

  constructor(private readonly cli: CommandLineSettings) {
    this.selected = cli.select ? unselected(cli.select) : {};
    this.loader = new ConfigLoader({
      profile: cli.profile,
      profileBase: cli.cwd,
      rules: { ...this.selected, ...cli.rules },
      buildArgs: cli.buildArgs,
      useConfig: cli.useConfig,
      gitignore: cli.gitignore ?? true,
      allowOutsideProfile: cli.allowOutsideProfile ?? false,
      trusted: true,
      roots: [],
      fallbackRoot: cli.cwd,
    });
  }

  /** Settings for a file (for `--stdin`, the path of `--stdin-filename`); a broken config or profile stops the run. */
  forFile(path: string): { settings: Settings; excluded?: 'exclude' | 'gitignore' } {
    const r = this.loader.resolve(path);
    if (!r.ok || r.problems.some((p) => !isFileProblem(p) || p.severity === 'error')) throw cliError(r.problems, this.cli.cwd);
    return { settings: r.settings, excluded: r.excluded };
  }

  /** Settings for files directly in `dir` (`catalog sync` asks for the folder it runs in). */
  forFolder(dir: string): Settings {
    return this.forFile(join(dir, 'Dockerfile')).settings;
  }

  /** Whether a folder scan leaves this folder out (config `exclude`, or .gitignore). */
  skipsFolder(dir: string): boolean {
    return this.loader.skipsFolder(dir);
  }
}
