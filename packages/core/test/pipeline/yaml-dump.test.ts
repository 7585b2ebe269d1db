import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { dumpStrings } from '../../src/pipeline/yaml-dump.js';

// The `yaml` finalizer writes its list as js-yaml's dump does, without shipping js-yaml's serializer: the two must
// agree on every list of strings, at every indent the pipeline schema allows (0..16; 0 is js-yaml's default, 2).
const reference = (items: readonly string[], indent: number): string => dump([...items], indent > 0 ? { indent } : {});

describe('dumpStrings writes what js-yaml dump writes', () => {
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

  it('on single values and on the whole list, at every indent', () => {
    for (let indent = 0; indent <= 16; indent++) {
      for (const s of cases) expect(dumpStrings([s], indent), `${JSON.stringify(s)} at indent ${indent}`).toBe(reference([s], indent));
      expect(dumpStrings(cases, indent)).toBe(reference(cases, indent));
      expect(dumpStrings([], indent)).toBe(reference([], indent));
    }
    // The open document end js-yaml writes after a last block scalar that keeps trailing empty lines.
    expect(dumpStrings(['a', 'b\nc\n\n'], 0)).toBe('- a\n- |+\n  b\n  c\n\n...\n');
  });

  it('on generated lists of strings built from the characters YAML treats specially', () => {
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
        expect(dumpStrings(items, indent)).toBe(reference(items, indent));
      }),
      { numRuns: 3000 },
    );
  });

  // Real text: every string value of the SigmaHQ rules (titles, multi-line descriptions, references, detection values
  // with backslashes, wildcards and quotes), as one list and one by one.
  const SIGMAHQ = process.env.SIGMAHQ_DIR ?? resolve(import.meta.dirname, '../../../../../shared/sigmahq');
  it.skipIf(!existsSync(SIGMAHQ))('on every string of the SigmaHQ rules', () => {
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
      if (dumpStrings(all, indent) === reference(all, indent)) continue;
      // Name the first string written differently.
      const s = all.find((x) => dumpStrings([x], indent) !== reference([x], indent)) ?? '(only the whole list differs)';
      expect(dumpStrings([s], indent), `${JSON.stringify(s)} at indent ${indent}`).toBe(reference([s], indent));
      expect.unreachable(`the list differs at indent ${indent}`);
    }
  });
});
