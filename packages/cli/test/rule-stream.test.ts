// Streamed conversion (`convert -o DIR`, `convert --json`): the prescan that decides whether an input can be
// converted chunk by chunk, the chunks' collections against the whole input's, and a streamed run against a run of
// the same rules in one piece (forced by a filter that applies to no rule).
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildCollection, parseSigma } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { discover } from '../src/files.js';
import type { ReadSource } from '../src/load.js';
import { mayHoldCollectionDocument, prescan, ruleChunks } from '../src/rule-stream.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './built.js';
import { tempDir } from './temp-dir.js';

const CORPUS = SIGMAHQ;

const RULE = (id: string, name?: string): string => `title: Rule ${id}
id: ${id}
${name !== undefined ? `name: ${name}\n` : ''}logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\tool.exe'
    filter:
        User: SYSTEM
    condition: selection and not filter
level: low
`;

describe('mayHoldCollectionDocument', () => {
  const cases: readonly { name: string; text: string; may: boolean }[] = [
    { name: 'a rule (a detection named filter, indented)', text: RULE('a'), may: false },
    { name: 'comments, blank lines, --- with a comment, ...', text: `# c\n\n--- # first\n${RULE('a')}...\n---\n${RULE('b')}`, may: false },
    { name: 'CRLF line ends', text: RULE('a').replace(/\n/g, '\r\n'), may: false },
    { name: 'correlation', text: 'title: c\ncorrelation:\n    type: event_count\n', may: true },
    { name: 'filter', text: 'title: f\nfilter:\n    rules: any\n', may: true },
    { name: 'filter key with spaces before the colon', text: 'title: f\nfilter  : {}\n', may: true },
    { name: 'in a second document', text: `${RULE('a')}---\ntitle: c\ncorrelation: {}\n`, may: true },
    { name: 'a quoted key', text: 'title: f\n"filter": {}\n', may: true },
    { name: 'an escaped quoted key', text: 'title: f\n"\\x66ilter": {}\n', may: true },
    { name: 'a flow mapping', text: '{title: f, filter: {}}\n', may: true },
    { name: 'content on the --- line', text: '--- {title: f, filter: {}}\n', may: true },
    { name: 'an indented root mapping', text: '  title: f\n  filter: {}\n', may: true },
    { name: 'an explicit key', text: 'title: f\n? filter\n: {}\n', may: true },
    { name: 'a merge key', text: 'title: f\n<<: *x\n', may: true },
    { name: 'a tag', text: '!!map\ntitle: f\n', may: true },
    { name: 'an anchor', text: '&a title: f\n', may: true },
    { name: 'a directive', text: '%YAML 1.2\n---\ntitle: f\n', may: true },
    { name: 'a tab in an indent', text: 'title: f\n\tx: 1\n', may: true },
    { name: 'lone CR line breaks', text: 'title: f\rfilter: {}\r', may: true },
  ];
  test.each(cases)('$name', ({ text, may }) => {
    expect(mayHoldCollectionDocument(text)).toBe(may);
  });

  // Soundness: whenever a text parses to a correlation or filter, the prescan says it may. Documents are written in
  // several YAML styles with keys drawn from a pool that includes both.
  test('never misses a correlation or filter (property)', () => {
    const key = fc.constantFrom('title', 'filter', 'correlation', 'id', 'logsource', 'detection', 'x');
    const style = fc.constantFrom('block', 'flow', 'quoted', 'indented', 'after-marker');
    const render = (keys: readonly string[], s: string): string => {
      const entries = keys.map((k) => (k === 'title' ? 'title: t' : `${k}: {}`));
      switch (s) {
        case 'flow':
          return `{${keys.map((k) => `${k}: {}`).join(', ')}}\n`;
        case 'quoted':
          return keys.map((k) => `"${k}": {}`).join('\n');
        case 'indented':
          return entries.map((e) => `  ${e}`).join('\n');
        case 'after-marker':
          return `--- ${entries[0] ?? ''}\n${entries.slice(1).join('\n')}\n`;
        default:
          return `${entries.join('\n')}\n`;
      }
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uniqueArray(key, { minLength: 1, maxLength: 5 }), style), { minLength: 1, maxLength: 3 }), (docs) => {
        const text = docs.map(([keys, s]) => render(keys, s)).join('\n---\n');
        const kinds = parseSigma(text, 'p.yml').documents.map((d) => d.kind);
        if (kinds.some((k) => k !== 'rule')) expect(mayHoldCollectionDocument(text)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  // The same over every SigmaHQ file: a file the prescan passes holds rules only.
  test.skipIf(!HAVE_SIGMAHQ)(`sound over the SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
    const dirs = readdirSync(CORPUS).filter((d) => d.startsWith('rules')).map((d) => join(CORPUS, d));
    const files = discover(dirs, process.cwd()).files;
    let passed = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (mayHoldCollectionDocument(text)) continue;
      passed++;
      expect(parseSigma(text, f).documents.every((d) => d.kind === 'rule')).toBe(true);
    }
    // Most files need no parse in the prescan (a detection named `filter:` is indented, so it does not count).
    expect(passed / files.length).toBeGreaterThan(0.9);
  });
});

describe('prescan', () => {
  test('streamable unless a correlation or filter is there; stops at the first; keeps within the budget', async () => {
    const dir = tempDir('sigmats-prescan-');
    writeFileSync(join(dir, 'a.yml'), RULE('a'));
    writeFileSync(join(dir, 'b.yml'), RULE('b'));
    writeFileSync(join(dir, 'c.yml'), 'title: c\nname: c\ncorrelation:\n    type: event_count\n    rules: [a]\n    group-by: [User]\n    timespan: 1h\n    condition: {gte: 2}\n');
    const io = memoryIo({ cwd: dir });
    const rules = await prescan(['a.yml', 'b.yml'], io);
    expect(rules.streamable).toBe(true);
    expect([...rules.kept.keys()]).toEqual(['a.yml', 'b.yml']);
    const withCorrelation = await prescan(['a.yml', 'c.yml', 'b.yml'], io);
    expect(withCorrelation.streamable).toBe(false);
    expect([...withCorrelation.kept.keys()]).toEqual(['a.yml', 'c.yml']);
    const small = await prescan(['a.yml', 'b.yml'], io, RULE('a').length);
    expect([...small.kept.keys()]).toEqual(['a.yml']);
    // stdin is kept whatever the budget: it can be read only once.
    const stdin = await prescan(['-'], memoryIo({ cwd: dir, stdin: RULE('s') }), 0);
    expect(stdin.kept.get('-')?.text).toBe(RULE('s'));
  });
});

describe('ruleChunks', () => {
  // Ids and names drawn from a small pool collide within and across chunks: every chunk size gives the whole
  // input's diagnostics (the same objects' fields, in the same order) and rules.
  test('duplicate ids and names are reported as over the whole input (property)', () => {
    const ref = fc.constantFrom('r1', 'r2', 'r3', 'r4');
    fc.assert(
      fc.property(fc.array(fc.tuple(ref, fc.option(ref, { nil: undefined }), fc.boolean()), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 13 }), (docs, size) => {
        const kept = new Map<string, ReadSource>();
        const paths = docs.map(([id, name, broken], i) => {
          const path = `f${i}.yml`;
          kept.set(path, { name: path, text: broken ? `title: x\nid: ${id}\n` : RULE(id, name), diagnostics: [] });
          return path;
        });
        const whole = buildCollection(paths.map((p) => parseSigma(kept.get(p)!.text!, p)));
        const chunks = [...ruleChunks(paths, process.cwd(), new Map(kept), size)];
        expect(chunks.map((c) => c.files.length)).toEqual(Array.from({ length: Math.ceil(paths.length / size) }, (_, i) => Math.min(size, paths.length - i * size)));
        const parse = chunks.flatMap((c) => c.parseDiagnostics);
        const own = chunks.flatMap((c) => c.collectionDiagnostics);
        expect([...parse, ...own]).toEqual(whole.diagnostics);
        expect(chunks.flatMap((c) => c.collection.rules.map((r) => `${r.loc.file}:${r.id}`))).toEqual(whole.rules.map((r) => `${r.loc.file}:${r.id}`));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a streamed convert against one in one piece', () => {
  // A filter that applies to no rule makes the run whole (filters need the collection) without changing a rule.
  const NO_OP_FILTER = 'title: no-op\nfilter:\n    rules: any\n    selection:\n        User: nobody\n    condition: not selection\nlogsource:\n    product: no-such-product\n';

  test.skipIf(!HAVE_SIGMAHQ)(`the same NDJSON and the same files, over SigmaHQ rules with duplicate ids across chunks ${NEEDS_SIGMAHQ}`, async () => {
    const dir = tempDir('sigmats-stream-');
    cpSync(join(CORPUS, 'rules', 'linux'), join(dir, 'rules', 'linux'), { recursive: true });
    // A copy of the first rule at the end (duplicate id two chunks apart) and a broken file.
    const first = discover([join(dir, 'rules')], dir).files[0]!;
    writeFileSync(join(dir, 'rules', 'zz-copy.yml'), readFileSync(first));
    writeFileSync(join(dir, 'rules', 'zz-broken.yml'), 'title: broken\ndetection: [\n');
    writeFileSync(join(dir, 'no-op-filter.yml'), NO_OP_FILTER);
    const convert = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
      const io = memoryIo({ cwd: dir });
      const code = await run(['convert', ...args], io);
      return { code, out: io.out(), err: io.err() };
    };
    const dropFilterFile = (s: string): string => s.replace(/"files":(\d+)/, (_, n: string) => `"files":${Number(n) - 1}`);
    for (const targets of ['splunk', 'kql,sumo-cse']) {
      const streamed = await convert(['-t', targets, '--json', 'rules/']);
      const whole = await convert(['-t', targets, '--json', '--filter', 'no-op-filter.yml', 'rules/']);
      expect(streamed.code).toBe(1);
      expect(streamed.out.split('\n').length).toBeGreaterThan(200);
      expect(streamed.out).toContain('collection/duplicate-id');
      expect(streamed.out).toBe(dropFilterFile(whole.out));
      expect(streamed.err).toBe(whole.err);
    }
    const streamedDir = await convert(['-t', 'all', '-o', 'out-streamed', 'rules/']);
    const wholeDir = await convert(['-t', 'all', '-o', 'out-whole', '--filter', 'no-op-filter.yml', 'rules/']);
    expect(streamedDir.err.replace(/from \d+ files/, '')).toBe(wholeDir.err.replace(/from \d+ files/, ''));
    for (const target of ['splunk', 'kql', 'sumo', 'sumo-cse']) {
      const names = readdirSync(join(dir, 'out-streamed', target)).sort();
      expect(names.length).toBeGreaterThan(50);
      expect(readdirSync(join(dir, 'out-whole', target)).sort()).toEqual(names);
      for (const n of names) expect(readFileSync(join(dir, 'out-streamed', target, n), 'utf8')).toBe(readFileSync(join(dir, 'out-whole', target, n), 'utf8'));
    }
  }, 120_000);
});
