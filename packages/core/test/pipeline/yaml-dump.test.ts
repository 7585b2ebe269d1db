import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { dumpStrings } from '../../src/pipeline/yaml-dump.js';
import { HAVE_SIGMAHQ, NEEDS_SIGMAHQ, SIGMAHQ } from '../shared-data.js';

// The `yaml` finalizer writes its list without js-yaml's serializer: whatever it writes must read back as the same
// list, at every indent the pipeline schema allows (0..16; 0 is the default, 2). js-yaml is the reader here.
const readBack = (items: readonly string[], indent: number): unknown => load(dumpStrings(items, indent));

describe('dumpStrings', () => {
  const cases: readonly string[] = [
    '',
    '=',
    'q1',
    ' leading space',
    'trailing space ',
    '\t',
    '  ',
    'null',
    '~',
    'Null',
    'yes',
    'No',
    'on',
    'OFF',
    'y',
    'true',
    '0x1F',
    '0o17',
    '0b101',
    '1_000',
    '190:20:30',
    '-12',
    '+1',
    '.5',
    '1e3',
    '.inf',
    '-.Inf',
    '.NaN',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '<<',
    '- a',
    '-a',
    '? a',
    ': a',
    'a: b',
    'a:b',
    'a #b',
    'a#b',
    '#a',
    '@a',
    '`a`',
    '%a',
    '!a',
    '&a',
    '*a',
    '|a',
    '>a',
    "'a'",
    '"a"',
    "it's",
    'a, b',
    '[a]',
    '{a: 1}',
    '---',
    '--- a',
    '...',
    'a\n---\nb',
    'a\n...',
    '\n',
    '\n\n',
    'a\n',
    'a\n\n',
    'a\n\n\n',
    '\na',
    '\n a',
    ' \na',
    'a \nb',
    'a\n b',
    'a\n\tb',
    'a\rb',
    'a\r\nb',
    'a\x85b',
    'a\xA0b',
    'a\u2028b',
    'a\uFEFFb',
    'a\uFFFEb',
    '\x00\x07\x08\x0B\x0C\x1B\x7F',
    'lone \uD800 surrogate',
    'trail \uDFFF',
    'emoji 😀 and ünïcödé',
    'C:\\Windows\\System32\\cmd.exe',
    'EventID=4688 AND CommandLine="*-enc*"',
    `${'word '.repeat(30)}end`,
    `${'x'.repeat(100)} y`,
    `${'x'.repeat(100)}`,
    ` ${'word '.repeat(30)}`,
    `first line\n${'word '.repeat(30)}\n  indented ${'word '.repeat(20)}\nlast`,
    `${'word '.repeat(20)}\n\n${'other '.repeat(20)}\n`,
    `\n\n${'word '.repeat(20)}`,
    `${'word  '.repeat(20)}`,
    `${'word\t'.repeat(20)}`,
  ];

  it('reads back single values and the whole list, at every indent', () => {
    for (let indent = 0; indent <= 16; indent++) {
      for (const s of cases) expect(readBack([s], indent), `${JSON.stringify(s)} at indent ${indent}`).toEqual([s]);
      expect(readBack(cases, indent)).toEqual(cases);
    }
    expect(dumpStrings([], 0)).toBe('[]\n');
    expect(load(dumpStrings([], 4))).toEqual([]);
  });

  it.each([
    ['plain for a simple one-line text', ['q1', 'EventID=4688 AND CommandLine="*-enc*"', "it's", 'C:\\x'], '- q1\n- EventID=4688 AND CommandLine="*-enc*"\n- it\'s\n- \'C:\\x\'\n'],
    ["single quotes for YAML 1.1's booleans and null words", ['yes', 'Off', 'n', 'NULL', 'true'], "- 'yes'\n- 'Off'\n- 'n'\n- 'NULL'\n- 'true'\n"],
    ['single quotes for indicators, colons, hashes, numbers and edge spaces', ['a: b', '#a', '-a', '1e3', ' x', 'x ', "'a'", ''], "- 'a: b'\n- '#a'\n- '-a'\n- '1e3'\n- ' x'\n- 'x '\n- '''a'''\n- ''\n"],
    ['a literal block for multi-line text', ['T\n| where a == "b"', 'x\n\n  y\n'], '- |-\n  T\n  | where a == "b"\n- |\n  x\n\n    y\n'],
    ['double quotes for controls, tabs, NEL/LS/PS, BOM and lone surrogates', ['a\tb', 'a\x85b', 'a\u2028b', '\uFEFFa', 'a\uD800', '\x00\x1b', ' a\nb', 'a\n\n'], '- "a\\tb"\n- "a\\u0085b"\n- "a\\u2028b"\n- "\\uFEFFa"\n- "a\\ud800"\n- "\\u0000\\u001b"\n- " a\\nb"\n- "a\\n\\n"\n'],
  ])('%s', (_, items, expected) => {
    expect(dumpStrings(items, 0)).toBe(expected);
    expect(load(expected)).toEqual(items);
  });

  it('indents literal blocks by the indent asked for', () => {
    expect(dumpStrings(['a\nb'], 5)).toBe('- |-\n     a\n     b\n');
    expect(dumpStrings(['a\nb'], 1)).toBe('- |-\n a\n b\n');
  });

  it('reads back generated lists of strings built from the characters YAML treats specially', () => {
    const chars = fc.constantFrom(
      ...'aZ09 -?:,[]{}#&*!|>\'"%@`\\/.=~<+_\t\n\r'.split(''),
      '\x00', '\x1b', '\x7f', '\x85', '\xa0', '\u2028', '\ufeff', '\uffff', '\ud800', '😀', 'é',
    );
    const piece = fc.oneof(
      fc.string({ unit: chars, maxLength: 12 }),
      fc.constantFrom('null', 'true', 'no', '0x1', '1e3', '.inf', '2001-12-14', '---', '...', '<<', '='),
      fc.string({ unit: fc.constantFrom('word ', 'w ', 'x', ' ', '\n'), maxLength: 40 }),
    );
    const value = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), fc.integer({ min: 0, max: 16 }), (items, indent) => {
        expect(readBack(items, indent)).toEqual(items);
      }),
      { numRuns: 3000 },
    );
  });

  // Real text: every string value of the SigmaHQ rules (titles, multi-line descriptions, references, detection values
  // with backslashes, wildcards and quotes), as one list and one by one.
  it.skipIf(!HAVE_SIGMAHQ)(`reads back every string of the SigmaHQ rules ${NEEDS_SIGMAHQ}`, () => {
    const strings = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string') strings.add(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (strings.add(k), collect(x));
    };
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) {
          try {
            collect(load(readFileSync(p, 'utf8')));
          } catch {
            // A file js-yaml cannot read (some test the parser) has no strings to offer.
          }
        }
      }
    };
    walk(join(SIGMAHQ, 'rules'));
    const all = [...strings];
    expect(all.length).toBeGreaterThan(20000);
    for (const indent of [0, 1, 4, 10]) {
      if (JSON.stringify(readBack(all, indent)) === JSON.stringify(all)) continue;
      // Name the first string that does not read back.
      const s = all.find((x) => JSON.stringify(readBack([x], indent)) !== JSON.stringify([x])) ?? '(only the whole list differs)';
      expect(readBack([s], indent), `${JSON.stringify(s)} at indent ${indent}`).toEqual([s]);
      expect.unreachable(`the list differs at indent ${indent}`);
    }
  });
});
