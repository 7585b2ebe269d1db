import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partsToRegex, plainText, stringShape, type ValuePart } from '@sigmats/core';

const L = (text: string): ValuePart => ({ kind: 'literal', text });
const S: ValuePart = { kind: 'wildcard-multi' };
const Q: ValuePart = { kind: 'wildcard-single' };
const P = (name: string): ValuePart => ({ kind: 'placeholder', name });

describe('stringShape', () => {
  const table: [string, ValuePart[], ReturnType<typeof stringShape>][] = [
    ['literal', [L('cmd.exe')], { shape: 'exact', text: 'cmd.exe' }],
    ['empty', [], { shape: 'exact', text: '' }],
    ['prefix', [L('C:\\Win'), S], { shape: 'prefix', text: 'C:\\Win' }],
    ['suffix', [S, L('\\cmd.exe')], { shape: 'suffix', text: '\\cmd.exe' }],
    ['contains', [S, L('whoami'), S], { shape: 'contains', text: 'whoami' }],
    ['contains, doubled stars', [S, S, L('x'), S, S], { shape: 'contains', text: 'x' }],
    ['split literals merge', [S, L('a'), L('b'), S], { shape: 'contains', text: 'ab' }],
    ['lone star', [S], { shape: 'any', text: '' }],
    ['inner star', [L('a'), S, L('b')], { shape: 'pattern', text: '' }],
    ['single wildcard', [L('a'), Q], { shape: 'pattern', text: '' }],
    ['placeholder', [P('Servers')], { shape: 'pattern', text: '' }],
  ];
  it.each(table)('%s', (_name, parts, expected) => {
    expect(stringShape(parts)).toEqual(expected);
  });
});

describe('partsToRegex', () => {
  const table: [string, ValuePart[], Parameters<typeof partsToRegex>[1], string][] = [
    ['escapes metacharacters', [L('a.b*c?(d)[e]{f}|g^h$i\\j/k+')], {}, 'a\\.b\\*c\\?\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\\\j\\/k\\+'],
    ['wildcards', [S, L('x'), Q, L('y'), S], {}, '.*x.y.*'],
    ['anchored', [L('cmd.exe')], { anchored: true }, '^cmd\\.exe$'],
    ['custom wildcards', [L('a'), S, Q], { multi: '[\\s\\S]*', single: '[\\s\\S]' }, 'a[\\s\\S]*[\\s\\S]'],
    ['control characters', [L('a\nb\tc')], {}, 'a\\x0ab\\x09c'],
    ['custom escape', [L('C:\\x')], { escapeChar: (c) => (c === '\\' ? '\\x5c' : c) }, 'C:\\x5cx'],
    ['unicode kept', [L('é—x')], {}, 'é—x'],
  ];
  it.each(table)('%s', (_name, parts, opts, expected) => {
    expect(partsToRegex(parts, opts)).toBe(expected);
  });

  it('rejects unresolved placeholders', () => {
    expect(() => partsToRegex([P('Admins')])).toThrow(/placeholder %Admins%/);
  });

  it('matches exactly the literal text, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const re = new RegExp(partsToRegex([L(text)], { anchored: true }), 'u');
        expect(re.test(text)).toBe(true);
        expect(re.test(text + 'x')).toBe(false);
      }),
    );
  });
});

describe('plainText', () => {
  it('joins literals and refuses wildcards', () => {
    expect(plainText([L('a'), L('b')])).toBe('ab');
    expect(plainText([L('a'), S])).toBeUndefined();
    expect(plainText([P('x')])).toBeUndefined();
  });
});
