// Shared runner for table tests: parse the pipeline YAML, apply it to the rule, compare compact renderings.
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { SigmaRule } from '../../src/ir/index.js';
import { applyPipelines, parsePipeline } from '../../src/pipeline/index.js';
import { rule, showDetections, type RuleSpec } from './helpers.js';

export interface ExpectedDiagnostic {
  code: Diagnostic['code'];
  /** Substring of the message. */
  message?: string;
  file?: string;
  line?: number;
  column?: number;
  severity?: Diagnostic['severity'];
}

export interface Case {
  name: string;
  pipeline: string;
  rule: RuleSpec;
  detections?: string[];
  conditions?: string[];
  fields?: string[];
  logsource?: Record<string, string>;
  state?: Record<string, unknown>;
  custom?: Record<string, unknown>;
  applied?: string[];
  diagnostics?: ExpectedDiagnostic[];
}

export const PIPELINE_FILE = 'pipe.yml';

export function matchDiagnostics(actual: readonly Diagnostic[], expected: readonly ExpectedDiagnostic[]): void {
  expect(actual.map((d) => `${d.code}@${d.file}:${d.line}:${d.column} ${d.message}`)).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    const d = actual[i]!;
    expect(d.code).toBe(e.code);
    if (e.message !== undefined) expect(d.message).toContain(e.message);
    if (e.file !== undefined) expect(d.file).toBe(e.file);
    if (e.line !== undefined) expect(d.line).toBe(e.line);
    if (e.column !== undefined) expect(d.column).toBe(e.column);
    if (e.severity !== undefined) expect(d.severity).toBe(e.severity);
  });
}

export function runCase(c: Case): SigmaRule {
  const parsed = parsePipeline(c.pipeline, PIPELINE_FILE);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const input = rule(c.rule);
  const before = JSON.stringify(input);
  const res = applyPipelines(input, [parsed.pipeline!], { backend: 'test' });
  // Pure: the input IR is never mutated.
  expect(JSON.stringify(input)).toBe(before);
  const out = res.document;
  if (c.detections) expect(showDetections(out)).toEqual(c.detections);
  if (c.conditions) expect(out.conditions.map((x) => x.text)).toEqual(c.conditions);
  if (c.fields) expect(out.fields).toEqual(c.fields);
  if (c.logsource) {
    const { custom: _c, loc: _l, ...ls } = out.logsource;
    expect(ls).toEqual(c.logsource);
  }
  if (c.state) expect(res.state).toEqual(c.state);
  if (c.custom) expect(out.custom).toEqual(c.custom);
  if (c.applied) expect(res.applied).toEqual(c.applied);
  matchDiagnostics(res.diagnostics, c.diagnostics ?? []);
  return out;
}
