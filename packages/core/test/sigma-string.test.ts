import { describe, expect, it } from 'vitest';
import { insertPlaceholders, parseSigmaString } from '../src/index.js';
import { itemValues, lit, qmark, star, str } from './helpers.js';

// Reference §2.4: YAML single-quoted source → parts (verified against pySigma / the specification).
const escapingTable: { source: string; parts: unknown[] }[] = [
  { source: 'a\\b', parts: [lit('a\\b')] },
  { source: 'a\\\\b', parts: [lit('a\\b')] },
  { source: 'a\\*b', parts: [lit('a*b')] },
  { source: 'a\\\\*b', parts: [lit('a\\'), star, lit('b')] },
  { source: 'a\\\\\\*b', parts: [lit('a\\*b')] },
  { source: 'a\\\\\\b', parts: [lit('a\\\\b')] },
  { source: 'a\\\\\\\\b', parts: [lit('a\\\\b')] },
  { source: 'a\\', parts: [lit('a\\')] },
  { source: '\\\\\\\\server\\\\share', parts: [lit('\\\\server\\share')] },
  { source: 'C:\\Windows\\*', parts: [lit('C:\\Windows*')] },
  { source: 'C:\\Windows\\\\*', parts: [lit('C:\\Windows\\'), star] },
  { source: 'a?b*', parts: [lit('a'), qmark, lit('b'), star] },
  { source: 'a\\?b', parts: [lit('a?b')] },
  { source: '*', parts: [star] },
  { source: '', parts: [] },
  { source: '100%', parts: [lit('100%')] },
  { source: '%name%', parts: [lit('%name%')] },
];

describe('Sigma string escaping (§2.4)', () => {
  it.each(escapingTable)('$source', ({ source, parts }) => {
    expect(parseSigmaString(source).parts).toEqual(parts);
  });

  it('reads the same through YAML (single-quoted source)', () => {
    for (const { source, parts } of escapingTable) {
      const { values } = itemValues('f', `'${source.replace(/'/g, "''")}'`);
      expect(values, source).toEqual([str(...parts)]);
    }
  });

  it("warns about the C:\\Windows\\* trap, not about deliberate escapes", () => {
    const warned = (v: string) => itemValues('f', `'${v}'`).diagnostics.some((d) => d.code === 'modifier/escaped-wildcard');
    expect(warned('C:\\Windows\\*')).toBe(true);
    expect(warned('\\AppData\\local\\temp\\*.zip')).toBe(true);
    expect(warned('C:\\Windows\\\\*')).toBe(false);
    expect(warned('C:\\\\WINDOWS\\\\system32\\\\\\*.bat')).toBe(false);
    expect(warned('(objectclass=\\*)')).toBe(false);
    expect(warned('/index.php\\?h=')).toBe(false);
    const d = itemValues('f', "'C:\\Windows\\*'").diagnostics.find((x) => x.code === 'modifier/escaped-wildcard');
    expect(d).toMatchObject({ severity: 'warning', line: 6, column: 12 });
    expect(d?.hint).toContain('\\\\*');
  });
});

describe('placeholders (only under |expand)', () => {
  const table: { source: string; parts: unknown[] }[] = [
    { source: '%Servers%', parts: [{ kind: 'placeholder', name: 'Servers' }] },
    { source: 'pre%a%mid%b%', parts: [lit('pre'), { kind: 'placeholder', name: 'a' }, lit('mid'), { kind: 'placeholder', name: 'b' }] },
    { source: '\\%notme%', parts: [lit('%notme%')] },
    { source: '100%', parts: [lit('100%')] },
    { source: '%a b%*', parts: [{ kind: 'placeholder', name: 'a b' }, star] },
  ];
  it.each(table)('$source', ({ source, parts }) => {
    expect(insertPlaceholders(parseSigmaString(source).parts)).toEqual(parts);
    expect(itemValues('f|expand', `'${source}'`).values).toEqual([str(...parts)]);
  });
  it('without expand, %name% is literal text', () => {
    expect(itemValues('f', "'%Servers%'").values).toEqual([str(lit('%Servers%'))]);
  });
});
