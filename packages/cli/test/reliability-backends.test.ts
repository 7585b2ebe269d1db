// Issue 12, backend-specific items: each case through the CLI, as a user would meet it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';

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
  const dir = mkdtempSync(join(tmpdir(), 'sigmats-be-'));
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
