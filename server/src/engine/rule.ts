import type { Fix, Range, RuleMeta } from './types';

/** What a rule reports; the engine adds the code, name and severity from the rule's meta. */
export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
}

export interface Rule<Context> {
  meta: RuleMeta;
  check(context: Context, report: (report: Report) => void): void;
}

export function defineRule<Context>(rule: Rule<Context>): Rule<Context> {
  return rule;
}
