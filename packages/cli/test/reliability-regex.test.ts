// Issue 12: pipeline regexes run on RE2 (linear time); what RE2 cannot run is a located diagnostic.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePipeline } from '@sigmats/core';
import { memoryIo, run } from '../src/index.js';
import { tempDir } from './temp-dir.js';

// 38 characters that make a backtracking engine try every split of the word: `^(\w+\s?)+$` never finishes on them.
const EVIL_VALUE = `${'a'.repeat(37)}!`;
const EVIL = '^(\\w+\\s?)+$';

const RULE = `title: Evil value
id: 77777777-7777-4777-8777-777777777777
status: test
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        CommandLine: '${EVIL_VALUE}'
    condition: selection
level: low
`;

const q = (s: string): string => JSON.stringify(s);
const PIPES: readonly { name: string; yaml: string }[] = [
  { name: 'replace_string', yaml: `transformations:\n  - type: replace_string\n    regex: ${q(EVIL)}\n    replacement: x\n` },
  { name: 'replace_string skip_special', yaml: `transformations:\n  - type: replace_string\n    regex: ${q(EVIL)}\n    replacement: x\n    skip_special: true\n` },
  {
    name: 'match_string',
    yaml: `transformations:\n  - type: set_value\n    value: y\n    detection_item_conditions:\n      - type: match_string\n        pattern: ${q(EVIL)}\n        cond: any\n`,
  },
  { name: 'extract_fields', yaml: `transformations:\n  - type: extract_fields\n    regex: ${q('^(?P<a>(\\w+\\s?)+)$')}\n` },
  {
    name: 'include_fields re mode',
    yaml: `transformations:\n  - type: field_name_prefix\n    prefix: p.\n    field_name_conditions:\n      - type: include_fields\n        mode: re\n        fields: [${q(EVIL)}]\n`,
  },
  // Unanchored: the query ends with a quote, so every start inside the long word backtracks.
  { name: 'postprocessing replace', yaml: `postprocessing:\n  - type: replace\n    pattern: ${q('(\\w+\\s?)+$')}\n    replacement: x\n` },
];

describe('catastrophic patterns finish in linear time', () => {
  test.each(PIPES)('$name', async ({ yaml }) => {
    const dir = tempDir('sigmats-re2-');
    writeFileSync(join(dir, 'p.yml'), yaml);
    // Field names that feed include_fields, and a query text that feeds the postprocessing replace.
    writeFileSync(join(dir, 'r.yml'), RULE.replace('CommandLine:', `${EVIL_VALUE}:`));
    writeFileSync(join(dir, 'r2.yml'), RULE.replace('77777777-7777-4777-8777-777777777777', '77777777-7777-4777-8777-777777777778'));
    const io = memoryIo({ cwd: dir });
    const started = Date.now();
    await run(['convert', '-t', 'splunk', '-p', 'p.yml', 'r.yml', 'r2.yml'], io);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(io.err()).not.toContain('internal error');
  }, 20_000);
});

describe('patterns beyond RE2 are located errors', () => {
  const CASES: readonly [string, RegExp][] = [
    ['(a)\\1', /backreference \\1/],
    ['(?P<x>a)(?P=x)', /backreference \(\?P=name\)/],
    ['a(?=b)', /lookahead/],
    ['(?<!a)b', /lookbehind/],
    ['(?x) a b', /verbose mode/],
  ];
  test.each(CASES)('%s', (pattern, why) => {
    const r = parsePipeline(`transformations:\n  - type: replace_string\n    regex: ${q(pattern)}\n    replacement: x\n`, 'p.yml');
    expect(r.pipeline).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'pipeline/regex-unsupported', file: 'p.yml', line: 3, column: 12 });
    expect(r.diagnostics[0]!.message).toMatch(why);
  });

  test('an invalid pattern is still pipeline/invalid, located', () => {
    const r = parsePipeline(`postprocessing:\n  - type: replace\n    pattern: "(a"\n    replacement: x\n`, 'p.yml');
    expect(r.diagnostics[0]).toMatchObject({ code: 'pipeline/invalid', file: 'p.yml', line: 3 });
  });

  test('Python spellings still work: named groups, \\A, \\Z, inline flags, re.sub references', () => {
    const r = parsePipeline(
      `transformations:\n  - type: replace_string\n    regex: ${q('(?i)\\A(?P<drive>[a-z]):\\\\(?P<rest>.*)\\Z')}\n    replacement: ${q('\\g<rest> on \\1')}\n`,
      'p.yml',
    );
    expect(r.diagnostics).toEqual([]);
    const t = r.pipeline!.items[0]!.transformation as { regex: { replace(s: string, r: string): string }; replacement: string };
    expect(t.regex.replace('C:\\dir\\x', t.replacement)).toBe('dir\\x on C');
  });
});
