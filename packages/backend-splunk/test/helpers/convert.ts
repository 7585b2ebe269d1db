import { formatDiagnostic, loadCollection } from '@sigmats/core';
import type { ConversionResult, ConvertOptions, Pipeline } from '@sigmats/core';
import { expect } from 'vitest';
import { splunkBackend } from '../../src/index.js';

/** A full rule around a detection block (written unindented, `condition:` included). */
export function rule(detection: string, head = ''): string {
  const body = detection
    .trim()
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n');
  return [
    'title: Test Rule',
    'id: 5b0e6b0e-0000-4000-8000-000000000001',
    'status: test',
    head.trim(),
    'logsource:',
    '    product: windows',
    '    category: process_creation',
    'detection:',
    body,
    'level: medium',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export function pipeline(name: string): Pipeline {
  const p = splunkBackend.pipelines.find((x) => x.name === name);
  if (!p) throw new Error(`no pipeline ${name}`);
  return p.pipeline;
}

export function convert(yaml: string, options: ConvertOptions & { pipelineNames?: readonly string[] } = {}): ConversionResult {
  const collection = loadCollection([{ text: yaml, file: 'test.yml' }]);
  const parseErrors = collection.diagnostics.filter((d) => d.severity === 'error');
  if (parseErrors.length > 0) throw new Error(`test rule does not parse:\n${parseErrors.map(formatDiagnostic).join('\n')}`);
  const { pipelineNames, ...rest } = options;
  const result = splunkBackend.convert(collection, {
    ...rest,
    pipelines: [...(rest.pipelines ?? []), ...(pipelineNames ?? []).map(pipeline)],
  });
  // Every query this backend emits must lint clean.
  for (const r of result.rules) for (const q of r.queries) expect(splunkBackend.validate(q), q).toEqual([]);
  return result;
}

/** The single query of a one-rule conversion; fails the test with the diagnostics if there is none. */
export function query(yaml: string, options: Parameters<typeof convert>[1] = {}): string {
  const r = convert(yaml, options);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map(formatDiagnostic), 'conversion errors').toEqual([]);
  expect(r.rules).toHaveLength(1);
  expect(r.rules[0]!.queries).toHaveLength(1);
  return r.rules[0]!.queries[0]!;
}

/** The error diagnostics of a conversion expected to fail, as `code: message`. */
export function errors(yaml: string, options: Parameters<typeof convert>[1] = {}): string[] {
  const r = convert(yaml, options);
  expect(r.rules).toHaveLength(0);
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
}
