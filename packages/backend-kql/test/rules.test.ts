import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { backend, expectValid, type PipelineName } from './helpers.js';
import { kqlPipeline } from '../src/index.js';

// The repository's own rules with every pipeline and format: exact outputs in fixtures/rules/<rule>/.
// Failed conversions are fixtures too (<pipeline>.<format>.err: one diagnostic per line).
// Regenerate after an intended change with UPDATE_FIXTURES=1, then review the diff.

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RULES = resolve(HERE, '../../../rules');
const FIXTURES = join(HERE, 'fixtures/rules');
const PIPELINES: readonly PipelineName[] = ['microsoft_xdr', 'sentinel_securityevent', 'sentinel_sysmon_event', 'sentinel_sysmon_windowsevent', 'sentinel_asim'];
const FORMATS = { default: 'kql', sentinel: 'yaml', defender: 'json' } as const;

const files = readdirSync(RULES)
  .filter((d) => statSync(join(RULES, d)).isDirectory())
  .sort()
  .flatMap((d) =>
  readdirSync(join(RULES, d))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(RULES, d, f)),
);

const cases = files.flatMap((file) =>
  PIPELINES.flatMap((pipeline) => (Object.keys(FORMATS) as (keyof typeof FORMATS)[]).map((format) => ({ file, pipeline, format }))),
);

describe('rules/ × pipelines × formats', () => {
  it('finds the repository rules', () => expect(files.length).toBeGreaterThanOrEqual(2));

  it.each(cases.map((c) => [`${basename(c.file)} ${c.pipeline} ${c.format}`, c] as const))('%s', (_, c) => {
    const collection = loadCollection([{ text: readFileSync(c.file, 'utf8'), file: `rules/${basename(c.file)}` }]);
    const result = backend.convert(collection, {
      format: c.format,
      pipelines: c.pipeline === 'microsoft_xdr' ? [] : [kqlPipeline(c.pipeline)!],
    });
    expectValid(result);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const actual =
      errors.length > 0
        ? errors.map((d) => `${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`).join('\n') + '\n'
        : result.rules.map((r) => r.output).join('\n\n');
    const dir = join(FIXTURES, basename(c.file, '.yml'));
    const fixture = join(dir, `${c.pipeline}.${c.format}.${errors.length > 0 ? 'err' : FORMATS[c.format]}`);
    if (process.env.UPDATE_FIXTURES) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(fixture, actual);
    }
    expect(existsSync(fixture), `missing fixture ${fixture}`).toBe(true);
    expect(actual).toBe(readFileSync(fixture, 'utf8'));
  });
});
