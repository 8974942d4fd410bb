import { dict, ruleCodeOf, type RuleSetting } from '../engine';

/** The `containerStandards` section of the editor's settings, after checking each value. */
export interface EditorSettings {
  /** `gen3`, `defra`, a path to a profile file, or empty for the folder's `.container-standards.json` (else gen3). */
  profile: string;
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  dockerfileFeatures: { enable: boolean };
}

export const SECTION = 'containerStandards';

const RULE_SETTINGS = new Set<string>(['off', 'error', 'warning', 'info']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Settings come from user JSON: keep what is well-formed and ignore the rest rather than stop checking. */
export function readSettings(raw: unknown): EditorSettings {
  const section = isRecord(raw) ? raw : {};
  const rules = dict<RuleSetting>();
  if (isRecord(section.rules)) {
    for (const [rule, value] of Object.entries(section.rules)) {
      const code = ruleCodeOf(rule);
      if (code && typeof value === 'string' && RULE_SETTINGS.has(value)) rules[code] = value as RuleSetting;
    }
  }
  const buildArgs = dict<string>();
  if (isRecord(section.buildArgs)) {
    for (const [name, value] of Object.entries(section.buildArgs)) if (typeof value === 'string') buildArgs[name] = value;
  }
  const features = isRecord(section.dockerfileFeatures) ? section.dockerfileFeatures : {};
  return {
    profile: typeof section.profile === 'string' ? section.profile.trim() : '',
    rules,
    buildArgs,
    dockerfileFeatures: { enable: features.enable !== false },
  };
}
