import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentKey, loadCollection } from '@sigmats/core';
import type { ConversionResult, SigmaCollection } from '@sigmats/core';
import { kqlBackend } from '../../src/index.js';
import { namedPipeline } from '../helpers.js';
import { SIGMAHQ, walkRules } from './load.js';

export const PIPELINES = ['microsoft_xdr', 'sentinel_securityevent', 'sentinel_sysmon_event', 'sentinel_sysmon_windowsevent', 'sentinel_asim', 'sentinel_cloud', 'sentinel_asim_web', 'sentinel_syslog', 'sentinel_windows'] as const;
export type CorpusPipeline = (typeof PIPELINES)[number];

let collection: SigmaCollection | undefined;
const results = new Map<string, ConversionResult>();

/** SigmaHQ rules/ converted with one built-in pipeline, or a subpath's (loaded and converted once per test file). */
export function corpusWith(pipeline: CorpusPipeline): { collection: SigmaCollection; result: ConversionResult } {
  collection ??= loadCollection(walkRules(join(SIGMAHQ, 'rules')).map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  let result = results.get(pipeline);
  if (!result) {
    const p = pipeline === 'microsoft_xdr' ? [] : [namedPipeline(pipeline)!];
    result = kqlBackend().convert(collection, { pipelines: p });
    results.set(pipeline, result);
  }
  return { collection, result };
}

/** Refusals by reason (first error of each rule that did not convert), and the converted count. */
export function tally(collection: SigmaCollection, result: ConversionResult): { converted: number; reasons: Map<string, number> } {
  const converted = new Set(result.rules.map((r) => r.key));
  const reasons = new Map<string, number>();
  for (const rule of collection.rules) {
    const key = documentKey(rule);
    if (converted.has(key)) continue;
    const d = result.diagnostics.find((x) => x.rule === key && x.severity === 'error');
    const reason = d ? `${d.code}: ${d.message.replace(/'[^']*'/g, "'…'")}` : 'no error';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return { converted: converted.size, reasons };
}
