// Coverage: every query the KQL backend emits for the SigmaHQ corpus, with every KQL pipeline, is in the supported
// subset (no syntax or unsupported errors) when run over the backend's declared table schemas. Semantic errors are
// findings about the emitted queries (string compared with a number, unknown columns, ...): they are counted and
// printed for the differential to settle, not hidden.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '@sigmats/core';
import { ALL_TABLES, kqlBackend, kqlPipeline } from '@sigmats/backend-kql';
import { KqlError, compileKql } from '../src/kql/index.js';
import type { KqlTable } from '../src/types.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ as present, SIGMAHQ as CORPUS } from './records-fixtures.js';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const PIPELINES = ['microsoft_xdr', 'sentinel_securityevent', 'sentinel_sysmon_event', 'sentinel_sysmon_windowsevent', 'sentinel_asim'] as const;

function walk(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.yml') ? [p] : [];
    });
}

describe.skipIf(!present)(`every emitted KQL query is in the interpreter subset ${NEEDS_SIGMAHQ}`, () => {
  it('rules/ and rules-threat-hunting/ with all five KQL pipelines', { timeout: 600_000 }, () => {
    const files = [...walk(join(CORPUS, 'rules')), ...walk(join(CORPUS, 'rules-threat-hunting'))];
    const collection = loadCollection(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
    const tables: Record<string, KqlTable> = Object.fromEntries(ALL_TABLES.map((t) => [t.name, { name: t.name, columns: t.columns, rows: [] }]));
    const backend = kqlBackend();
    let queries = 0;
    const refused: string[] = [];
    const findings = new Map<string, number>();
    for (const p of PIPELINES) {
      const pipelines = p === 'microsoft_xdr' ? [] : [kqlPipeline(p)!];
      const result = backend.convert(collection, { pipelines });
      for (const r of result.rules) {
        for (const q of r.queries) {
          queries++;
          try {
            compileKql(q).run(tables);
          } catch (e) {
            if (!(e instanceof KqlError)) throw e;
            if (e.kind !== 'semantic') refused.push(`${p} ${r.key}: ${e.message}\n${q}`);
            else {
              const k = `${p}: ${e.message.replace(/ at \d+/, '')}`;
              findings.set(k, (findings.get(k) ?? 0) + 1);
            }
          }
        }
      }
    }
    console.log(`${queries} queries run; semantic findings:\n${[...findings].map(([k, n]) => `  ${n} × ${k}`).join('\n') || '  none'}`);
    expect(queries).toBeGreaterThan(5000);
    expect(refused).toEqual([]);
  });
});


describe("backend-kql's fixture outputs are in the interpreter subset", () => {
  const dir = resolve(REPO, 'packages/backend-kql/test/fixtures/rules');
  const files = existsSync(dir) ? walkAll(dir).filter((f) => f.endsWith('.default.kql')) : [];
  it('every *.default.kql fixture query runs over the declared schemas', () => {
    const tables: Record<string, KqlTable> = Object.fromEntries(ALL_TABLES.map((t) => [t.name, { name: t.name, columns: t.columns, rows: [] }]));
    const refused: string[] = [];
    let n = 0;
    for (const f of files) {
      for (const q of readFileSync(f, 'utf8').split(/\n\n+/).filter((x) => x.trim())) {
        n++;
        try {
          compileKql(q).run(tables);
        } catch (e) {
          if (!(e instanceof KqlError)) throw e;
          if (e.kind !== 'semantic') refused.push(`${f}: ${e.message}`);
        }
      }
    }
    expect(n).toBeGreaterThan(5);
    expect(refused).toEqual([]);
  });
});

function walkAll(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walkAll(p) : [p];
    });
}

describe('every correlation type the backend emits is in the interpreter subset', () => {
  const BASE = `title: Proc
name: proc_a
logsource:
    category: process_creation
    product: windows
detection:
    sel:
        CommandLine|contains: 'mstsc'
    condition: sel
---
title: Net
name: net_b
logsource:
    category: network_connection
    product: windows
detection:
    sel:
        DestinationPort: 3389
    condition: sel
---
`;
  const corr = (body: string): string =>
    `${BASE}title: Corr\nid: 99999999-8888-7777-6666-555555555555\nlevel: high\ncorrelation:\n${body
      .trim()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n`;
  const BODIES: readonly string[] = [
    'type: event_count\nrules:\n    - proc_a\ngroup-by:\n    - Computer\ntimespan: 5m\ncondition:\n    gte: 10',
    'type: value_count\nrules:\n    - proc_a\ngroup-by:\n    - Computer\ntimespan: 1h\ncondition:\n    field: CommandLine\n    lt: 3',
    'type: temporal\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - Computer\ntimespan: 10m',
    'type: temporal\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - User\ntimespan: 10m',
    'type: temporal\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - Computer\ntimespan: 10m\ncondition: proc_a and not net_b',
    'type: temporal_ordered\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - Computer\ntimespan: 10m',
    'type: value_sum\nrules:\n    - net_b\ngroup-by:\n    - Computer\ntimespan: 1d\ncondition:\n    field: DestinationPort\n    gt: 100000',
    'type: value_avg\nrules:\n    - net_b\ngroup-by:\n    - Computer\ntimespan: 1d\ncondition:\n    field: DestinationPort\n    gt: 1000',
    'type: value_median\nrules:\n    - net_b\ngroup-by:\n    - Computer\ntimespan: 1d\ncondition:\n    field: DestinationPort\n    gt: 1000',
  ];
  it.each(PIPELINES.map((p) => [p] as const))('%s', (p) => {
    const tables: Record<string, KqlTable> = Object.fromEntries(ALL_TABLES.map((t) => [t.name, { name: t.name, columns: t.columns, rows: [] }]));
    const backend = kqlBackend();
    const pipelines = p === 'microsoft_xdr' ? [] : [kqlPipeline(p)!];
    const refused: string[] = [];
    let n = 0;
    for (const body of BODIES) {
      const result = backend.convert(loadCollection([{ file: 'corr.yml', text: corr(body) }]), { pipelines });
      for (const r of result.rules.filter((x) => x.document.kind === 'correlation')) {
        for (const q of r.queries) {
          n++;
          try {
            compileKql(q).run(tables);
          } catch (e) {
            if (!(e instanceof KqlError)) throw e;
            if (e.kind !== 'semantic') refused.push(`${e.message}\n${q}`);
          }
        }
      }
    }
    console.log(`${p}: ${n} correlation queries`);
    expect(n).toBeGreaterThan(0);
    expect(refused).toEqual([]);
  });
});
