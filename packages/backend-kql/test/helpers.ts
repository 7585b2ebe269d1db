import { formatDiagnostic, loadCollection } from '@sigmats/core';
import type { ConversionResult, Pipeline } from '@sigmats/core';
import { expect } from 'vitest';
import { sentinelCloudPipeline } from '../src/cloud.js';
import { sentinelWindowsPipeline } from '../src/windows.js';
import { sentinelSyslogPipeline } from '../src/syslog.js';
import { sentinelWebPipeline } from '../src/web.js';
import { kqlBackend } from '../src/index.js';
import { validateKql } from '../src/validate.js';

export const backend = kqlBackend();

/** Every pipeline by name: the built-in ones and those of the cloud, web, syslog and event subpaths. */
const withSubpaths = kqlBackend({ pipelines: [sentinelCloudPipeline, sentinelWebPipeline, sentinelSyslogPipeline, sentinelWindowsPipeline] });
export function namedPipeline(name: string): Pipeline | undefined {
  return withSubpaths.pipelines.find((p) => p.name === name)?.pipeline;
}

export type PipelineName = 'microsoft_xdr' | 'sentinel_securityevent' | 'sentinel_sysmon_event' | 'sentinel_sysmon_windowsevent' | 'sentinel_asim' | 'sentinel_cloud' | 'sentinel_asim_web' | 'sentinel_syslog' | 'sentinel_windows';

export interface ConvertCase {
  readonly pipeline?: PipelineName;
  readonly format?: string;
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  readonly extra?: readonly Pipeline[];
}

/** The query text inside a format's output (Sentinel YAML block, Defender JSON), for the validator. */
export function queriesInOutput(format: string, output: string): string[] {
  if (format === 'defender') return [(JSON.parse(output) as { queryCondition: { queryText: string } }).queryCondition.queryText];
  if (format === 'sentinel') {
    const lines = output.split('\n');
    const start = lines.findIndex((l) => /^query: \|-?$/.test(l));
    const body: string[] = [];
    for (const l of lines.slice(start + 1)) {
      if (!l.startsWith('  ') && l !== '') break;
      body.push(l.slice(2));
    }
    return [body.join('\n').replace(/\n+$/, '')];
  }
  return output.split('\n\n');
}

/** Every query a conversion emitted (plain and formatted) must have 0 Kusto diagnostics. */
export function expectValid(result: ConversionResult): void {
  for (const r of result.rules) {
    for (const q of [...r.queries, ...queriesInOutput(result.format, r.output)]) {
      expect(validateKql(q), q).toEqual([]);
    }
  }
}

export function convert(yaml: string, c: ConvertCase = {}): ConversionResult {
  const collection = loadCollection([{ text: yaml, file: 'test.yml' }]);
  expect(collection.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  const named = c.pipeline ? namedPipeline(c.pipeline) : undefined;
  const pipelines = named && c.pipeline !== 'microsoft_xdr' ? [named] : [];
  const result = backend.convert(collection, {
    ...(c.format ? { format: c.format } : {}),
    pipelines: [...pipelines, ...(c.extra ?? [])],
    ...(c.options ? { options: c.options } : {}),
  });
  expectValid(result);
  return result;
}

/** A process_creation rule around a detection block (indented by 4). */
export function processRule(detection: string, extra = ''): string {
  return rule('process_creation', detection, extra);
}

/** A Windows rule of `category` around a detection block (indented by 4). */
export function rule(category: string, detection: string, extra = ''): string {
  return `title: Test
id: 11111111-2222-3333-4444-555555555555
status: test
logsource:
    category: ${category}
    product: windows
detection:
${detection
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
${extra}`;
}

/**
 * The Windows system scope a microsoft_xdr or sentinel_asim query of a process, file or connection rule starts with
 * (pipelines/build.ts systemScopeItems; tested in pipelines.test.ts): the feature tables, which read XDR's process
 * rows, leave it out.
 */
const WINDOWS_SCOPE = /^\| where not\((FolderPath|InitiatingProcessFolderPath|TargetProcessName|TargetFilePath) startswith "\/"\)\n/;

/** The only query of a one-rule conversion after its table and Windows system scope, or the error messages when it failed. */
export function whereOf(result: ConversionResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return 'ERROR ' + errors.map((d) => `${d.code}: ${d.message}`).join(' | ');
  expect(result.rules).toHaveLength(1);
  const q = result.rules[0]!.queries;
  expect(q).toHaveLength(1);
  return q[0]!.split('\n').slice(1).join('\n').replace(WINDOWS_SCOPE, '');
}
