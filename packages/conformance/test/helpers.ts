import { describe, expect, test } from 'vitest';
import { formatDiagnostic, loadCollection } from '@sigmats/core';
import type { Backend, BackendOptionValue, SigmaCollection } from '@sigmats/core';
import { splunkBackend } from '@sigmats/backend-splunk';
import { kqlValidatingBackend } from '@sigmats/backend-kql/validate';
import { sumo, sumoCse } from '@sigmats/backend-sumo';
import { compileRuleSet } from '@sigmats/evaluator';

/**
 * One row of a feature table: a Sigma detection and what it must mean everywhere.
 * A backend column is the exact plain query (`result.rules[0].queries[0]`), or `error: <code>` when the
 * backend must refuse the rule with that diagnostic code.
 */
export interface Row {
  readonly name: string;
  /** YAML of the detection section, condition included (no indentation needed). */
  readonly detection: string;
  /** Windows logsource category; `process_creation` when absent. */
  readonly category?: string;
  readonly splunk: string;
  readonly kql: string;
  readonly sumo: string;
  readonly sumoCse: string;
  /** Events the evaluator must match. */
  readonly matches: readonly object[];
  /** Events the evaluator must not match. */
  readonly misses: readonly object[];
  /** `error: <code>` when the evaluator must refuse the condition (then matches/misses are empty). */
  readonly evaluator?: string;
  /** Why a backend's text is right, when that is not obvious (or where a target cannot say exactly the same). */
  readonly note?: string;
}

// Conformance checks every emitted query with its target's validator: for KQL, the Kusto analyser.
const kql = kqlValidatingBackend();

/**
 * Every backend runs with its default pipelines. Sumo log search gets a fixed scope and `extraction: 'fer'`
 * so the expected text is scope + event-id filter + the where stage (the default `json` extraction only adds a
 * `| json … nodrop` line listing the fields).
 */
export const BACKENDS: readonly { readonly column: 'splunk' | 'kql' | 'sumo' | 'sumoCse'; readonly backend: Backend; readonly options: Readonly<Record<string, BackendOptionValue>> }[] = [
  { column: 'splunk', backend: splunkBackend, options: {} },
  { column: 'kql', backend: kql, options: {} },
  { column: 'sumo', backend: sumo, options: { scope: '_sourceCategory=test', extraction: 'fer' } },
  { column: 'sumoCse', backend: sumoCse, options: {} },
];

/** KQL: the microsoft_xdr table of the category, then one `where`. */
/**
 * The path whose first character keeps a Windows rule off a Defender table's Linux and macOS rows: the query's first
 * line (backend-kql pipelines/build.ts systemScopeItems).
 */
const WINDOWS_SCOPE: Readonly<Record<string, string>> = {
  DeviceProcessEvents: 'FolderPath',
  DeviceFileEvents: 'FolderPath',
  DeviceNetworkEvents: 'InitiatingProcessFolderPath',
};

/** The Windows scope line of a microsoft_xdr query on `table`, or '' for a table without one. */
export function windowsScope(table: string): string {
  const path = WINDOWS_SCOPE[table];
  return path ? `\n| where not(${path} startswith "/")` : '';
}

/** A Windows rule's microsoft_xdr query: the table, its Windows scope, any lines before the where (`head`'s rest), the where stage. */
export function kqlWhere(where: string, head = 'DeviceProcessEvents'): string {
  const [table, ...rest] = head.split('\n');
  return [`${table!}${windowsScope(table!)}`, ...rest, `| where ${where}`].join('\n');
}

const SYSMON_EVENT_ID: Readonly<Record<string, string>> = { process_creation: '1', network_connection: '3' };

/** Sumo log search: fixed scope (plus scope keywords), Sysmon event id of the category, the where stage. */
export function sumoWhere(where: string | undefined, opts: { readonly category?: string; readonly scopeTerms?: string } = {}): string {
  const eid = SYSMON_EVENT_ID[opts.category ?? 'process_creation'];
  return [
    `(_sourceCategory=test)${opts.scopeTerms ? ` AND ${opts.scopeTerms}` : ''}`,
    `| where EventID = "${eid}"`,
    ...(where === undefined ? [] : [`| where ${where}`]),
    '| sort by _messageTime desc',
  ].join('\n');
}

/** CSE: scoping added when the expression reads raw Windows fields (fields['EventData.X']). */
export function cseWindows(expr: string, category = 'process_creation'): string {
  const ids =
    category === 'process_creation'
      ? "(metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' or metadata_deviceEventId = 'Security-4688')"
      : `metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-${SYSMON_EVENT_ID[category]}'`;
  return `metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and ${ids} and (${expr})`;
}

export function ruleText(row: Pick<Row, 'detection' | 'category'>): string {
  const lines = row.detection.replace(/^\n+|\s+$/g, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return [
    'title: Conformance row',
    'id: 5f0e4c3a-1b2d-4e6f-8a9b-0c1d2e3f4a5b',
    'status: test',
    'level: medium',
    'logsource:',
    '    product: windows',
    `    category: ${row.category ?? 'process_creation'}`,
    'detection:',
    ...lines.map((l) => `    ${l.slice(indent)}`),
    '',
  ].join('\n');
}

export function load(row: Pick<Row, 'detection' | 'category'>): SigmaCollection {
  return loadCollection([{ text: ruleText(row), file: 'conformance.yml' }]);
}

function errorCode(expected: string): string | undefined {
  return expected.startsWith('error: ') ? expected.slice('error: '.length) : undefined;
}

/** Checks one backend column: exact text + clean validate(), or the refusal code. */
export function checkBackend(entry: (typeof BACKENDS)[number], collection: SigmaCollection, expected: string): void {
  const result = entry.backend.convert(collection, { options: entry.options });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const code = errorCode(expected);
  if (code !== undefined) {
    expect(result.rules, `${entry.column} must refuse the rule`).toEqual([]);
    expect(errors.map((d) => d.code)).toContain(code);
    for (const d of errors) expect(d.line, `${entry.column} refusal must be located: ${formatDiagnostic(d)}`).toBeGreaterThan(0);
    return;
  }
  expect(errors.map(formatDiagnostic), `${entry.column} conversion errors`).toEqual([]);
  expect(result.rules).toHaveLength(1);
  const query = result.rules[0]!.queries[0]!;
  expect(query, `${entry.column} query`).toBe(expected);
  expect(entry.backend.validate(query), `${entry.column} validate()`).toEqual([]);
}

/** Checks the evaluator on the row's events, or its refusal. */
export function checkEvaluator(row: Row, collection: SigmaCollection): void {
  const set = compileRuleSet(collection);
  const code = row.evaluator === undefined ? undefined : errorCode(row.evaluator);
  if (code !== undefined) {
    expect(set.diagnostics.map((d) => d.code)).toContain(code);
    return;
  }
  expect(set.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  expect(row.matches.length + row.misses.length, 'a row must have events').toBeGreaterThan(0);
  for (const event of row.matches) expect(set.match(event as Record<string, unknown>).length, `must match ${JSON.stringify(event)}`).toBe(1);
  for (const event of row.misses) expect(set.match(event as Record<string, unknown>), `must not match ${JSON.stringify(event)}`).toEqual([]);
}

/** Registers one feature table: per row, the rule parses, each backend column holds, the evaluator agrees. */
export function featureTable(feature: string, rows: readonly Row[]): void {
  describe(feature, () => {
    test('row names are unique', () => {
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    });
    describe.each(rows.map((r) => [r.name, r] as const))('%s', (_, row) => {
      const collection = load(row);
      test('parses', () => {
        expect(collection.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
        expect(collection.rules).toHaveLength(1);
      });
      for (const entry of BACKENDS) test(entry.column, () => checkBackend(entry, collection, row[entry.column]));
      test('evaluator', () => checkEvaluator(row, collection));
    });
  });
}
