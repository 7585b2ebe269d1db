import { diagnostic } from '@sigmats/core';
import type { BackendOptionValue, Diagnostic, MatchExpr, ValuePart } from '@sigmats/core';

/** Backend options (ConvertOptions.options), with what they do. */
export const SPLUNK_OPTIONS: Readonly<Record<string, string>> = {
  index: 'scope every query to this index (`index="…"`, `*` is a wildcard)',
  source: 'scope every query to this source',
  sourcetype: 'scope every query to this sourcetype',
  table: 'add `| table <fields>` for the rule\'s `fields:` (default true)',
  cron_schedule: 'savedsearches: cron_schedule of each search (default `*/15 * * * *`)',
  earliest_time: 'savedsearches: dispatch.earliest_time of each search (default `-20m@m`)',
  latest_time: 'savedsearches: dispatch.latest_time of each search (default `now`)',
  summariesonly: 'data_model: tstats summariesonly (default false)',
};

export interface SplunkOptions {
  readonly scope: readonly MatchExpr[];
  readonly table: boolean;
  readonly cron: string;
  readonly earliest: string;
  readonly latest: string;
  readonly summariesOnly: boolean;
}

const ORIGIN = { file: '<options>', line: 0, column: 0 };

/** An option value as a Sigma-like string: `*` is a wildcard, everything else literal. */
function partsOf(text: string): ValuePart[] {
  const parts: ValuePart[] = [];
  text.split('*').forEach((chunk, i) => {
    if (i > 0) parts.push({ kind: 'wildcard-multi' });
    if (chunk !== '') parts.push({ kind: 'literal', text: chunk });
  });
  return parts;
}

function str(o: Readonly<Record<string, BackendOptionValue>>, k: string, def: string, diags: Diagnostic[]): string {
  const v = o[k];
  if (v === undefined) return def;
  if (typeof v !== 'string' || v.trim() === '' || /[\r\n]/.test(v)) {
    diags.push(diagnostic('backend/invalid-option', `option '${k}' must be a non-empty single-line string`, ORIGIN));
    return def;
  }
  return v;
}

function bool(o: Readonly<Record<string, BackendOptionValue>>, k: string, def: boolean, diags: Diagnostic[]): boolean {
  const v = o[k];
  if (v === undefined) return def;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  diags.push(diagnostic('backend/invalid-option', `option '${k}' must be true or false`, ORIGIN));
  return def;
}

export function readOptions(o: Readonly<Record<string, BackendOptionValue>>): { options: SplunkOptions; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const scope: MatchExpr[] = [];
  for (const field of ['index', 'source', 'sourcetype']) {
    if (o[field] === undefined) continue;
    const text = str(o, field, '', diagnostics);
    if (text === '') continue;
    scope.push({
      kind: 'match',
      field,
      value: { kind: 'string', parts: partsOf(text), cased: false, loc: ORIGIN },
      origin: `option ${field}`,
      loc: ORIGIN,
    });
  }
  return {
    options: {
      scope,
      table: bool(o, 'table', true, diagnostics),
      cron: str(o, 'cron_schedule', '*/15 * * * *', diagnostics),
      earliest: str(o, 'earliest_time', '-20m@m', diagnostics),
      latest: str(o, 'latest_time', 'now', diagnostics),
      summariesOnly: bool(o, 'summariesonly', false, diagnostics),
    },
    diagnostics,
  };
}
