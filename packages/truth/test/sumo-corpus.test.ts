import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection, type Backend } from '@sigmats/core';
import { sumo, sumoCse } from '@sigmats/backend-sumo';
import { describe, expect, test } from 'vitest';
import { compileCse } from '../src/cse/index.js';
import { compileSumo } from '../src/sumo/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ as present, SIGMAHQ as dir } from './records-fixtures.js';

/**
 * Every query the two Sumo backends emit for the SigmaHQ corpus is in the language the interpreters read: it
 * compiles (no syntax error, no unsupported construct) and runs. Whatever the backends emit this round, the
 * differential can then run it.
 */

function ruleFiles(d: string, out: string[] = []): string[] {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) ruleFiles(p, out);
    else if (e.name.endsWith('.yml')) out.push(p);
  }
  return out;
}

function queries(backend: Backend, pipelines: readonly string[] = []): string[] {
  const files = readdirSync(dir)
    .filter((d) => d.startsWith('rules'))
    .flatMap((d) => ruleFiles(join(dir, d)));
  const collection = loadCollection(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  const chosen = pipelines.map((name) => {
    const info = backend.pipelines.find((p) => p.name === name);
    if (!info) throw new Error(`no pipeline ${name} in ${backend.id}`);
    return info.pipeline;
  });
  const result = backend.convert(collection, chosen.length > 0 ? { pipelines: chosen } : {});
  return result.rules.flatMap((r) => r.queries);
}

function failures(qs: readonly string[], compile: (q: string) => void): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const q of qs) {
    try {
      compile(q);
    } catch (e) {
      const key = (e as Error).message.replace(/\(at \d+\)/, '').slice(0, 80);
      out.set(key, [...(out.get(key) ?? []), q]);
    }
  }
  return out;
}

describe.skipIf(!present)(`SigmaHQ corpus output compiles in the interpreters ${NEEDS_SIGMAHQ}`, () => {
  test.each([[[]], [['sumo-windows-4688']]] as const)('sumo log search, pipelines %j', { timeout: 300_000 }, (pipelines) => {
    const qs = queries(sumo, pipelines);
    expect(qs.length).toBeGreaterThan(2000);
    const probe = [{ _raw: '{"EventID": 1}', _sourceCategory: 'x', _source: '', _sourceName: '', _sourceHost: '', _collector: '' }];
    expect(Object.fromEntries([...failures(qs, (q) => compileSumo(q).run(probe))].map(([k, v]) => [k, v.slice(0, 2)]))).toEqual({});
  });

  test('sumo-cse', { timeout: 300_000 }, () => {
    const qs = queries(sumoCse);
    expect(qs.length).toBeGreaterThan(2000);
    expect(Object.fromEntries([...failures(qs, (q) => compileCse(q).test({ fields: {} }))].map(([k, v]) => [k, v.slice(0, 2)]))).toEqual({});
  });
});
