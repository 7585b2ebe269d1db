import { describe, expect, it } from 'vitest';
import { itemValues, lit, parseRule, ruleText, star, str, stripLoc } from './helpers.js';

const cased = (...parts: unknown[]) => ({ kind: 'string', parts, cased: true });
const exp = (source: string, ...values: unknown[]) => ({ kind: 'expansion', source, values });
const re = (pattern: string, flags: Partial<{ ignoreCase: boolean; multiline: boolean; dotAll: boolean }> = {}, placeholders: string[] = []) => ({
  kind: 'regex',
  pattern,
  flags: { ignoreCase: false, multiline: false, dotAll: false, ...flags },
  placeholders,
});
const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** One row per modifier (and the interesting chains): key, YAML value, expected values of the item. */
const table: { key: string; value: string; expected: unknown[] }[] = [
  // plain values
  { key: 'f', value: 'abc', expected: [str(lit('abc'))] },
  { key: 'f', value: '42', expected: [{ kind: 'number', value: 42 }] },
  { key: 'f', value: '1.5', expected: [{ kind: 'number', value: 1.5 }] },
  { key: 'f', value: 'true', expected: [{ kind: 'boolean', value: true }] },
  { key: 'f', value: 'null', expected: [{ kind: 'null' }] },
  { key: 'f', value: '', expected: [{ kind: 'null' }] },
  { key: 'f', value: "''", expected: [str()] },
  { key: 'f', value: "'4624'", expected: [str(lit('4624'))] },
  // contains / startswith / endswith
  { key: 'f|contains', value: 'abc', expected: [str(star, lit('abc'), star)] },
  { key: 'f|contains', value: "'*abc*'", expected: [str(star, lit('abc'), star)] },
  { key: 'f|startswith', value: 'abc', expected: [str(lit('abc'), star)] },
  { key: 'f|endswith', value: 'abc', expected: [str(star, lit('abc'))] },
  { key: 'f|startswith|endswith', value: 'abc', expected: [str(star, lit('abc'), star)] },
  { key: 'f|contains', value: "'a\\*b'", expected: [str(star, lit('a*b'), star)] },
  // all
  { key: 'f|contains|all', value: '[a, b]', expected: [str(star, lit('a'), star), str(star, lit('b'), star)] },
  // base64 (UTF-8 bytes of plain strings)
  { key: 'f|base64', value: 'abc', expected: [str(lit('YWJj'))] },
  { key: 'f|base64', value: 'é', expected: [str(lit('w6k='))] },
  { key: 'f|base64|contains', value: 'abc', expected: [str(star, lit('YWJj'), star)] },
  // base64offset: three shifted encodings
  { key: 'f|base64offset|contains', value: 'http://', expected: [exp('base64offset', str(star, lit('aHR0cDovL'), star), str(star, lit('h0dHA6Ly'), star), str(star, lit('odHRwOi8v'), star))] },
  { key: 'f|base64offset', value: 'abc', expected: [exp('base64offset', str(lit('YWJj')), str(lit('FiY')), str(lit('hYm')))] },
  { key: 'f|base64offset', value: 'ping', expected: [exp('base64offset', str(lit('cGluZ')), str(lit('Bpbm')), str(lit('waW5n')))] },
  { key: 'f|wide|base64offset|contains', value: 'ping', expected: [exp('base64offset', str(star, lit('cABpAG4AZw'), star), str(star, lit('AAaQBuAGcA'), star), str(star, lit('wAGkAbgBnA'), star))] },
  // UTF-16 encodings (SPEC bytes: cmd → 63 00 6d 00 64 00 / 00 63 00 6d 00 64 / FF FE 63 00 6d 00 64 00)
  { key: 'f|utf16le|base64', value: 'cmd', expected: [str(lit('YwBtAGQA'))] },
  { key: 'f|wide|base64', value: 'cmd', expected: [str(lit('YwBtAGQA'))] },
  { key: 'f|utf16be|base64', value: 'cmd', expected: [str(lit('AGMAbQBk'))] },
  { key: 'f|utf16|base64', value: 'cmd', expected: [str(lit('//5jAG0AZAA='))] },
  { key: 'f|utf16|base64', value: 'ping', expected: [str(lit('//5wAGkAbgBnAA=='))] },
  { key: 'f|wide|base64', value: 'é', expected: [str(lit('6QA='))] },
  { key: 'f|wide', value: 'ab', expected: [str(lit('a\u0000b\u0000'))] },
  // windash: 5^n variants, written one first
  { key: 'f|windash', value: "'-a'", expected: [exp('windash', ...dashes.map((d) => str(lit(`${d}a`))))] },
  { key: 'f|windash|contains', value: "' /c'", expected: [exp('windash', ...['/', '-', '\u2013', '\u2014', '\u2015'].map((d) => str(star, lit(` ${d}c`), star)))] },
  { key: 'f|windash', value: 'param-name', expected: [str(lit('param-name'))] },
  { key: 'f|windash', value: "'a - b'", expected: [str(lit('a - b'))] },
  // The five dashes are interchangeable, whichever the rule wrote (pySigma expands only - and /; issue 15).
  { key: 'f|windash', value: "'\u2013x'", expected: [exp('windash', ...['\u2013', '-', '/', '\u2014', '\u2015'].map((d) => str(lit(`${d}x`))))] },
  // re and flags
  { key: 'f|re', value: "'^a.*b$'", expected: [re('^a.*b$')] },
  { key: 'f|re|i', value: "'abc'", expected: [re('abc', { ignoreCase: true })] },
  { key: 'f|re|ignorecase|multiline|dotall', value: "'abc'", expected: [re('abc', { ignoreCase: true, multiline: true, dotAll: true })] },
  { key: 'f|re|m|s', value: "'abc'", expected: [re('abc', { multiline: true, dotAll: true })] },
  { key: 'f|re|contains', value: "'ab'", expected: [re('.*ab.*')] },
  { key: 'f|re|startswith', value: "'^ab'", expected: [re('^ab.*')] },
  { key: 'f|re', value: "'a\\*b'", expected: [re('a\\*b')] },
  { key: 'f|re', value: "'(?i)abc'", expected: [re('(?i)abc')] },
  { key: 'f|re', value: "'\\Aabc\\Z'", expected: [re('\\Aabc\\Z')] },
  { key: 'f|re', value: "'a++b(?>c)(?P<n>d)(?P=n)'", expected: [re('a++b(?>c)(?P<n>d)(?P=n)')] },
  { key: 'f|re', value: "'\\((?:[^()]|(?R))*\\)'", expected: [re('\\((?:[^()]|(?R))*\\)')] },
  { key: 'f|re', value: "'(a)?(?(1)b|c)(?(?=d)d|e)(?P<n>x)(?P>n)(?1)'", expected: [re('(a)?(?(1)b|c)(?(?=d)d|e)(?P<n>x)(?P>n)(?1)')] },
  { key: 'f|re', value: "'\\Qa.b\\E[[:alpha:]]\\h\\R\\K(?x) a # c'", expected: [re('\\Qa.b\\E[[:alpha:]]\\h\\R\\K(?x) a # c')] },
  { key: 'f|re|expand', value: "'^%Servers%\\.corp$'", expected: [re('^%Servers%\\.corp$', {}, ['Servers'])] },
  // cidr
  { key: 'f|cidr', value: '10.0.0.0/8', expected: [{ kind: 'cidr', version: 4, network: '10.0.0.0', prefixLength: 8 }] },
  { key: 'f|cidr', value: '192.168.1.7', expected: [{ kind: 'cidr', version: 4, network: '192.168.1.7', prefixLength: 32 }] },
  { key: 'f|cidr', value: "'2001:DB8:0:0::/64'", expected: [{ kind: 'cidr', version: 6, network: '2001:db8::', prefixLength: 64 }] },
  { key: 'f|cidr', value: "'::ffff:10.0.0.0/104'", expected: [{ kind: 'cidr', version: 6, network: '::ffff:a00:0', prefixLength: 104 }] },
  { key: 'f|cidr', value: "'fe80::/10'", expected: [{ kind: 'cidr', version: 6, network: 'fe80::', prefixLength: 10 }] },
  // exists
  { key: 'f|exists', value: 'true', expected: [{ kind: 'exists', exists: true }] },
  { key: 'f|exists', value: 'false', expected: [{ kind: 'exists', exists: false }] },
  // expand
  { key: 'f|expand', value: "'%Admins%'", expected: [str({ kind: 'placeholder', name: 'Admins' })] },
  { key: 'f|contains|expand', value: "'%Admins%'", expected: [str(star, { kind: 'placeholder', name: 'Admins' }, star)] },
  // fieldref
  { key: 'f|fieldref', value: 'g', expected: [{ kind: 'fieldref', field: 'g', match: 'equals', cased: false }] },
  { key: 'f|fieldref|startswith', value: 'g', expected: [{ kind: 'fieldref', field: 'g', match: 'startswith', cased: false }] },
  { key: 'f|fieldref|endswith', value: 'g', expected: [{ kind: 'fieldref', field: 'g', match: 'endswith', cased: false }] },
  { key: 'f|fieldref|contains', value: 'g', expected: [{ kind: 'fieldref', field: 'g', match: 'contains', cased: false }] },
  { key: 'f|fieldref|startswith|endswith', value: 'g', expected: [{ kind: 'fieldref', field: 'g', match: 'contains', cased: false }] },
  { key: 'f|fieldref|cased', value: 'g', expected: [{ kind: 'fieldref', field: 'g', match: 'equals', cased: true }] },
  // comparisons
  { key: 'f|gt', value: '5', expected: [{ kind: 'compare', op: 'gt', value: 5 }] },
  { key: 'f|gte', value: '5.5', expected: [{ kind: 'compare', op: 'gte', value: 5.5 }] },
  { key: 'f|lt', value: '-1', expected: [{ kind: 'compare', op: 'lt', value: -1 }] },
  { key: 'f|lte', value: '0', expected: [{ kind: 'compare', op: 'lte', value: 0 }] },
  // cased
  { key: 'f|cased', value: 'AbC', expected: [cased(lit('AbC'))] },
  { key: 'f|contains|cased', value: 'AbC', expected: [cased(star, lit('AbC'), star)] },
  { key: 'f|cased|contains', value: 'AbC', expected: [cased(star, lit('AbC'), star)] },
  // neq (item negation: values unchanged)
  { key: 'f|neq', value: 'x', expected: [str(lit('x'))] },
  { key: 'f|contains|neq', value: '[x, y]', expected: [str(star, lit('x'), star), str(star, lit('y'), star)] },
  { key: 'f|neq', value: '[x, 3]', expected: [str(lit('x')), { kind: 'number', value: 3 }] },
  // timestamp parts
  { key: 'f|minute', value: '30', expected: [{ kind: 'timestamp-part', part: 'minute', op: 'eq', value: 30 }] },
  { key: 'f|hour', value: '5', expected: [{ kind: 'timestamp-part', part: 'hour', op: 'eq', value: 5 }] },
  { key: 'f|hour|gt', value: '5', expected: [{ kind: 'timestamp-part', part: 'hour', op: 'gt', value: 5 }] },
  { key: 'f|day|lte', value: '7', expected: [{ kind: 'timestamp-part', part: 'day', op: 'lte', value: 7 }] },
  { key: 'f|week', value: '53', expected: [{ kind: 'timestamp-part', part: 'week', op: 'eq', value: 53 }] },
  { key: 'f|month', value: '12', expected: [{ kind: 'timestamp-part', part: 'month', op: 'eq', value: 12 }] },
  { key: 'f|year|gte', value: '2024', expected: [{ kind: 'timestamp-part', part: 'year', op: 'gte', value: 2024 }] },
];

describe('modifiers: expected IR', () => {
  it.each(table)('$key: $value', ({ key, value, expected }) => {
    const { values, diagnostics } = itemValues(key, value);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(values).toEqual(expected);
  });

  it('windash expands every qualifying dash independently (5^n) and keeps wildcards', () => {
    const { values } = itemValues('f|windash|contains', "' -a -b'");
    const e = values?.[0] as unknown as { kind: string; values: { parts: { kind: string; text?: string }[] }[] };
    expect(e.kind).toBe('expansion');
    expect(e.values).toHaveLength(25);
    expect(new Set(e.values.map((v) => v.parts[1]?.text)).size).toBe(25);
    expect(e.values[0]).toEqual(str(star, lit(' -a -b'), star));
  });

  it('windash bounds the characters over all variants, not only their number (variants x length <= 1,000,000)', () => {
    // 4 flags: 625 variants. ' -a -b -c -d' is 12 characters, so padding to 1,600 is exactly the limit.
    const atLimit = itemValues('f|windash', `'${'x'.repeat(1588)} -a -b -c -d'`);
    expect(atLimit.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((atLimit.values?.[0] as unknown as { values: unknown[] }).values).toHaveLength(625);
    const over = itemValues('f|windash', `'${'x'.repeat(1589)} -a -b -c -d'`);
    const d = over.diagnostics.find((x) => x.severity === 'error');
    expect(d?.code).toBe('detection/expansion-too-large');
    expect(d?.message).toContain('1601 characters into 625 variants, 1000625 characters');
    expect(d?.line).toBe(6);
    expect(over.values).toBeUndefined();
  });

  it('records the written modifiers, the link and negation on the item', () => {
    const { rule } = parseRule(ruleText('    sel:\n        f|contains|all|neq: [a, b]\n    condition: sel\n'));
    const item = stripLoc(rule?.detections[0]?.body.items[0]);
    expect(item).toEqual({
      kind: 'item',
      field: 'f',
      modifiers: ['contains', 'all', 'neq'],
      values: [str(star, lit('a'), star), str(star, lit('b'), star)],
      link: 'and',
      negated: true,
    });
  });

  it('keyword items with modifiers ("|all", "|contains")', () => {
    const { rule } = parseRule(ruleText("    keywords:\n        '|all':\n            - a\n            - b\n    kw2:\n        '|contains': x\n    condition: keywords or kw2\n"));
    expect(stripLoc(rule?.detections.map((d) => d.body))).toEqual([
      { kind: 'group', link: 'and', items: [{ kind: 'item', field: null, modifiers: ['all'], values: [str(lit('a')), str(lit('b'))], link: 'and', negated: false }] },
      { kind: 'group', link: 'and', items: [{ kind: 'item', field: null, modifiers: ['contains'], values: [str(star, lit('x'), star)], link: 'or', negated: false }] },
    ]);
  });
});

/** Invalid chains: code, and the column of the key (line 6 is the item line in ruleText). */
const errorTable: { key: string; value: string; code: string; column?: number; hint?: RegExp }[] = [
  { key: 'f|contans', value: 'x', code: 'modifier/unknown', column: 11, hint: /contains/ },
  { key: 'f|Contains', value: 'x', code: 'modifier/unknown', column: 11, hint: /lower-case/ },
  { key: 'f||contains', value: 'x', code: 'modifier/unknown' },
  { key: 'f|not', value: 'x', code: 'modifier/not-a-modifier', column: 11, hint: /neq/ },
  { key: 'f|contains|re', value: 'x', code: 'modifier/invalid-chain', column: 9 },
  { key: 'f|contains|cidr', value: '10.0.0.0/8', code: 'modifier/invalid-chain' },
  { key: 'f|contains|exists', value: 'true', code: 'modifier/invalid-chain' },
  { key: 'f|i', value: 'x', code: 'modifier/invalid-chain', hint: /re\|i/ },
  { key: 'f|contains|base64', value: 'x', code: 'modifier/invalid-chain', hint: /before/ },
  { key: 'f|base64', value: "'a*b'", code: 'modifier/invalid-chain' },
  { key: 'f|base64offset', value: 'a', code: 'modifier/base64offset-short' },
  { key: 'f|contains|fieldref', value: 'g', code: 'modifier/invalid-chain' },
  { key: 'f|fieldref', value: "'g*'", code: 'modifier/invalid-chain' },
  { key: 'f|contains', value: '4624', code: 'modifier/type-mismatch', hint: /quote/ },
  { key: 'f|gt', value: "'5'", code: 'modifier/type-mismatch' },
  { key: 'f|gt|hour', value: '5', code: 'modifier/type-mismatch' },
  { key: 'f|exists', value: 'yes-please', code: 'modifier/type-mismatch' },
  { key: 'f|re|cased', value: 'x', code: 'modifier/type-mismatch' },
  { key: 'f|re', value: "'a(b'", code: 'modifier/regex-invalid' },
  { key: 'f|re', value: "'[z-a]'", code: 'modifier/regex-invalid' },
  { key: 'f|re', value: "'*a'", code: 'modifier/regex-invalid' },
  { key: 'f|cidr', value: '10.0.0.1/8', code: 'modifier/cidr-invalid' },
  { key: 'f|cidr', value: '10.0.0.0/33', code: 'modifier/cidr-invalid' },
  { key: 'f|cidr', value: "'2001:db8::1/64'", code: 'modifier/cidr-invalid' },
  { key: 'f|cidr', value: 'not-an-ip', code: 'modifier/cidr-invalid' },
  { key: 'f|hour', value: '24', code: 'detection/invalid-value' },
  { key: 'f|gt', value: '.inf', code: 'detection/invalid-value' },
  { key: 'f', value: '.nan', code: 'detection/invalid-value' },
  { key: 'f|minute', value: '1.5', code: 'detection/invalid-value' },
  { key: 'f|contains|contains', value: 'x', code: 'modifier/invalid-chain' },
  { key: 'f|windash', value: "'-a -b -c -d -e -f -g'", code: 'detection/too-many-variants' },
];

describe('modifiers: invalid chains are located errors', () => {
  it.each(errorTable)('$key: $value → $code', ({ key, value, code, column, hint }) => {
    const { diagnostics } = itemValues(key, value);
    const d = diagnostics.find((x) => x.severity === 'error');
    expect(d?.code).toBe(code);
    expect(d?.line).toBe(6);
    if (column !== undefined) expect(d?.column).toBe(column);
    else expect(d?.column).toBeGreaterThanOrEqual(9);
    if (hint) expect(d?.hint).toMatch(hint);
  });

  it('the cidr host-bits error names the network', () => {
    const d = itemValues('f|cidr', '10.0.0.1/8').diagnostics[0];
    expect(d?.message).toContain('host bits');
    expect(d?.hint).toContain('10.0.0.0/8');
  });

  it("'all' on one value warns", () => {
    const { diagnostics } = itemValues('f|contains|all', 'x');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['modifier/all-single-value', 'warning']]);
  });

  it('exists on a keyword is an error', () => {
    const { diagnostics } = parseRule(ruleText("    sel:\n        '|exists': true\n    condition: sel\n"));
    expect(diagnostics.map((d) => d.code)).toContain('modifier/invalid-chain');
  });
});

describe('windash: which dashes qualify (\\B[-/]\\b)', () => {
  const table: { value: string; positions: number[] }[] = [
    { value: '-a', positions: [0] },
    { value: '/c', positions: [0] },
    { value: 'cmd /c x', positions: [4] },
    { value: 'a-b', positions: [] },
    { value: 'a - b', positions: [] },
    { value: '--x', positions: [1] },
    { value: '-_x', positions: [0] },
    { value: 'é-x', positions: [] },
    { value: ' -1', positions: [1] },
    { value: 'x /', positions: [] },
  ];
  it.each(table)('$value', async ({ value, positions }) => {
    const { windashPositions } = await import('../src/parse/windash.js');
    expect(windashPositions(value)).toEqual(positions);
  });
});
