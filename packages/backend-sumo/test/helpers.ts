import { loadCollection, type BackendOptionValue, type ConversionResult, type Diagnostic } from '@sigmats/core';
import type { Backend } from '@sigmats/core';

/** A rule around a detection block (written with any indentation; re-indented under `detection:`). */
export function ruleYaml(detection: string, opts: { logsource?: string; extra?: string } = {}): string {
  const lines = detection.replace(/^\n+|\s+$/g, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const body = lines.map((l) => `    ${l.slice(indent)}`).join('\n');
  return [
    'title: Feature test',
    'id: 11111111-2222-3333-4444-555555555555',
    'status: test',
    'level: medium',
    'logsource:',
    opts.logsource ?? '    product: test',
    'detection:',
    body,
    opts.extra ?? '',
  ].join('\n');
}

export interface Converted {
  readonly queries: readonly string[];
  readonly output: string;
  readonly errors: readonly Diagnostic[];
  readonly result: ConversionResult;
}

export function convert(backend: Backend, yaml: string, options: Record<string, BackendOptionValue> = {}, format?: string): Converted {
  const collection = loadCollection([{ text: yaml, file: 'rule.yml' }]);
  const parseErrors = collection.diagnostics.filter((d) => d.severity === 'error');
  if (parseErrors.length > 0) throw new Error(`test rule does not parse: ${parseErrors.map((d) => d.message).join('; ')}`);
  const result = backend.convert(collection, { options, ...(format ? { format } : {}) });
  return {
    queries: result.rules.flatMap((r) => r.queries),
    output: result.output,
    errors: result.diagnostics.filter((d) => d.severity === 'error'),
    result,
  };
}

/** Feature tables use FER mode and a fixed scope, so the expected text is the where stage alone. */
export const FEATURE_OPTIONS = { scope: '_sourceCategory=test', extraction: 'fer' } as const;

export function searchText(where: string): string {
  return `(_sourceCategory=test)\n| where ${where}\n| sort by _messageTime desc`;
}
