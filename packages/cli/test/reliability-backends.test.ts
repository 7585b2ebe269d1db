// Issue 12, backend-specific items: each case through the CLI, as a user would meet it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadCollection } from '@sigmats/core';
import { sumo, sumoCse } from '@sigmats/backend-sumo';
import { memoryIo, run } from '../src/index.js';
import { tempDir } from './temp-dir.js';

const RULE = (o: { title?: string; field?: string; value?: string; id?: string; logsource?: string } = {}): string => `title: ${JSON.stringify(o.title ?? 'Rule')}
id: ${o.id ?? '13131313-1313-4131-8131-131313131313'}
status: test
logsource:
    ${o.logsource ?? 'category: process_creation\n    product: windows'}
detection:
    selection:
        ${o.field ?? 'CommandLine|contains'}: ${JSON.stringify(o.value ?? 'whoami')}
    condition: selection
level: low
`;

async function convert(argv: string[], files: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const dir = tempDir('sigmats-be-');
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  const io = memoryIo({ cwd: dir });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('savedsearches.conf stanza names', () => {
  test.each(['default', 'Default', '[]', ' [ ] ', '[default]', '   '])('title %j never gives [default] or []', async (title) => {
    const r = await convert(['convert', '-t', 'splunk', '-f', 'savedsearches', 'r.yml'], { 'r.yml': RULE({ title }) });
    if (r.code !== 0) return; // a title the schema refuses: nothing is written
    const stanzas = r.out.split('\n').filter((l) => /^\[.*\]$/.test(l));
    // The file's own [default] stanza comes first; the rule's stanza is the last one.
    const own = stanzas.at(-1)!;
    expect(own, r.out).not.toMatch(/^\[\s*\]$/);
    expect(own.toLowerCase()).not.toBe('[default]');
    expect(stanzas.filter((s) => s.toLowerCase() === '[default]')).toHaveLength(1);
  });
});

// js-yaml is core's YAML parser; it rejects non-printable characters in a document as the YAML spec asks.
const jsYaml = (): Promise<{ load(s: string): unknown }> =>
  import(pathToFileURL(createRequire(join(import.meta.dirname, '../../core/package.json')).resolve('js-yaml')).href);

describe('Sentinel YAML stays valid YAML whatever the text', () => {
  // Written as YAML escapes in the rule, so the rule file itself is valid UTF-8.
  const NASTY: readonly [string, string][] = [
    ['C1 control U+0085', '\\x85'],
    ['C1 control U+009B', '\\x9b'],
    ['U+FFFE', '\\uFFFE'],
    ['U+FFFF', '\\uFFFF'],
    ['lone high surrogate', '\\uD800'],
    ['lone low surrogate', '\\uDC00'],
    ['DEL', '\\x7f'],
    ['BOM', '\\uFEFF'],
    ['line separator', '\\u2028'],
  ];
  test.each(NASTY)('%s in the title, description and value', async (_, esc) => {
    const rule = `title: "Nasty ${esc} title"
id: 14141414-1414-4141-8141-141414141414
status: test
description: "line one${esc}\\nline two ${esc}"
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        CommandLine|contains: "a${esc}b"
    condition: selection
level: low
`;
    const r = await convert(['convert', '-t', 'kql', '-f', 'sentinel', 'r.yml'], { 'r.yml': rule });
    expect(r.code, r.err).toBe(0);
    // Nothing YAML forbids in a stream, raw or escaped (libyaml rejects escaped surrogates too).
    expect(r.out).not.toMatch(/[\u0080-\u009f\ufffe\uffff\ufeff\u2028\u2029\u007f]/);
    expect(r.out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(r.out).not.toMatch(/\\u[dD][89abAB][0-9a-fA-F]{2}/);
    const doc = (await jsYaml()).load(r.out) as { name: string; query: string };
    expect(doc.name).toContain('Nasty');
    expect(doc.query).toContain('ProcessCommandLine');
  });
});

describe('Splunk: field names that the search command reads as directives', () => {
  const DIRECTIVES = ['earliest', 'latest', 'savedsearch', 'savedsplunk', '_index_earliest', '_index_latest', 'EARLIEST', 'starttime', 'endtime', 'daysago', 'timeformat'];
  test.each(DIRECTIVES)('%s is never written as a bare `name=` term', async (field) => {
    const r = await convert(['convert', '-t', 'splunk', 'r.yml'], { 'r.yml': RULE({ field, value: '-1d' }) });
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(new RegExp(`(^|[\\s(])${field}\\s*=`, 'i'));
    expect(r.out).toContain(field);
  });
});

describe('KQL: columns named like literals', () => {
  test.each(['True', 'False', 'true', 'false', 'null', 'TRUE'])('%s is a column, not a literal', async (field) => {
    const r = await convert(['convert', '-t', 'kql', '--no-default-pipelines', '-O', 'table=T', 'r.yml'], { 'r.yml': RULE({ field, value: 'x' }) });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`['${field}']`);
  });
});

describe('Sumo conversion is linear in the number of distinct fields', () => {
  // One selection in flow style, as many fields as core's 2 MiB file limit allows. Before the fix, collecting the
  // fields (`out.includes` per leaf), naming fields that share an alias (probing every suffix already taken) and
  // locating each refused field (a walk of the whole condition per field) were quadratic: measured 2.2 s and 8.8 s
  // at 32k fields for the first and the last, so about 70 s and 30 s at the sizes below (alias probing: more).
  // Linear, each case takes one to three seconds even on a loaded machine; the bounds sit between the two.
  const DIGITS = ['-', '+', '~', '='];
  const SHAPES: readonly { name: string; n: number; field: (i: number) => string; target: typeof sumo; errors: boolean; bound: number }[] = [
    { name: 'distinct plain fields (sumo, json extraction)', n: 180_000, field: (i) => `f${i}`, target: sumo, errors: false, bound: 20_000 },
    { name: 'distinct plain fields (sumo-cse)', n: 180_000, field: (i) => `f${i}`, target: sumoCse, errors: false, bound: 20_000 },
    // F-+, F~=, …: every name of one length gets the same alias F___ before the suffix.
    { name: 'names that share one alias', n: 120_000, field: (i) => `F${[...i.toString(4)].map((d) => DIGITS[Number(d)]).join('')}`, target: sumo, errors: false, bound: 20_000 },
    // An empty key segment cannot be a JSON path: every field is a located error. (60k: past about 100k errors the
    // shared backend frame overflows the stack spreading them, see the report; the rule then gets one internal error.)
    { name: 'names refused with a location each', n: 60_000, field: (i) => `F..${i}`, target: sumo, errors: true, bound: 12_000 },
  ];
  test.each(SHAPES)('$name', ({ n, field, target, errors, bound }) => {
    const text = `title: Wide
id: 15151515-1515-4151-8151-151515151515
logsource:
    category: process_creation
    product: windows
detection:
    sel: {${Array.from({ length: n }, (_, i) => `${field(i)}: 1`).join(', ')}}
    condition: sel
`;
    const collection = loadCollection([{ text, file: 'wide.yml' }]);
    expect(collection.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const started = performance.now();
    const result = target.convert(collection, { options: {} });
    const ms = performance.now() - started;
    const failed = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors) {
      expect(failed).toHaveLength(n);
      expect(failed.every((d) => d.file === 'wide.yml' && d.line === 7 && d.column > 1)).toBe(true);
    } else {
      expect(failed.map((d) => d.message)).toEqual([]);
      expect(result.output).toContain(field(n - 1));
    }
    expect(ms).toBeLessThan(bound);
  }, 120_000);

  test('colliding aliases stay distinct and keep their order', () => {
    const text = `title: Few
id: 16161616-1616-4161-8161-161616161616
logsource:
    category: process_creation
    product: windows
detection:
    sel: {'a.b': 1, 'a-b': 2, 'a_b_2': 3, 'A b': 4, 'a+b': 5}
    condition: sel
`;
    const out = sumo.convert(loadCollection([{ text, file: 'few.yml' }]), { options: {} }).output;
    // a-b takes suffix _2, so the field a_b_2 becomes a_b_2_2; A b (the same alias up to case) goes on at _3.
    expect(out).toMatch(/^\| json field=_raw "Channel", "EventID", .* as Channel, EventID, a_b, a_b_2, a_b_2_2, A_b_3, a_b_4 nodrop$/m);
  });
});
