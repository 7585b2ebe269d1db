import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSigma } from '../src/index.js';
import { codes, stripLoc } from './helpers.js';

const DET = 'logsource:\n    product: windows\ndetection:\n    sel:\n        f: 1\n    condition: sel\n';

describe('rule metadata', () => {
  it('reads every Sigma 2.1 top-level field', () => {
    const text = `title: Full rule
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
related:
    - id: 08fbc97d-0a2f-491c-ae21-8ffcfd3174e9
      type: derived
name: full_rule
taxonomy: sigma
status: experimental
description: A rule
license: DRL-1.1
author: Alice, Bob
references:
    - https://example.com
date: 2024-01-05
modified: 2024/2/3
logsource:
    category: process_creation
    product: windows
    custom_key: x
detection:
    sel:
        f: 1
    condition: sel
fields:
    - CommandLine
falsepositives:
    - Admins
level: high
tags:
    - attack.execution
    - attack.t1059.001
scope:
    - server
x_custom:
    nested: [1, 2]
`;
    const r = parseSigma(text, 'full.yml');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column}`)).toEqual(['warning meta/invalid-date@15:11']);
    const rule = r.documents[0];
    if (rule?.kind !== 'rule') throw new Error('no rule');
    const { detections: _d, conditions: _c, fieldLocs, ...meta } = stripLoc(rule);
    expect({ ...meta, custom: { ...meta.custom }, logsource: { ...meta.logsource, custom: { ...meta.logsource.custom } } }).toEqual({
      kind: 'rule',
      title: 'Full rule',
      id: '929a690e-bef0-4204-a928-ef5e620d6fcc',
      related: [{ id: '08fbc97d-0a2f-491c-ae21-8ffcfd3174e9', type: 'derived' }],
      name: 'full_rule',
      taxonomy: 'sigma',
      status: 'experimental',
      description: 'A rule',
      license: 'DRL-1.1',
      author: 'Alice, Bob',
      references: ['https://example.com'],
      date: '2024-01-05',
      modified: '2024-02-03',
      logsource: { category: 'process_creation', product: 'windows', custom: { custom_key: 'x' } },
      fields: ['CommandLine'],
      falsepositives: ['Admins'],
      level: 'high',
      tags: [
        { namespace: 'attack', name: 'execution' },
        { namespace: 'attack', name: 't1059.001' },
      ],
      scope: ['server'],
      custom: { x_custom: { nested: [1, 2] } },
    });
    expect(rule.fieldLocs.level).toMatchObject({ line: 28, column: 8 });
    expect(Object.getPrototypeOf(rule.custom)).toBe(null);
  });

  /** Schema and metadata problems: one diagnostic per problem, at the offending node. */
  const errors: { name: string; text: string; expected: string[] }[] = [
    { name: 'missing title', text: DET, expected: ['schema/missing-field@1:1'] },
    { name: 'missing logsource', text: 'title: t\ndetection:\n    sel:\n        f: 1\n    condition: sel\n', expected: ['schema/missing-field@1:1'] },
    { name: 'missing detection', text: 'title: t\nlogsource:\n    product: p\n', expected: ['schema/missing-field@1:1'] },
    { name: 'title not a string', text: 'title: [a]\n' + DET, expected: ['schema/type@1:8'] },
    { name: 'bad uuid', text: 'title: t\nid: not-a-uuid\n' + DET, expected: ['meta/invalid-id@2:5'] },
    { name: 'bad status', text: 'title: t\nstatus: production\n' + DET, expected: ['meta/invalid-status@2:9'] },
    { name: 'bad level', text: 'title: t\nlevel: severe\n' + DET, expected: ['meta/invalid-level@2:8'] },
    { name: 'tag without namespace', text: 'title: t\ntags:\n    - attack.ok\n    - AttackExecution\n' + DET, expected: ['meta/invalid-tag@4:7'] },
    { name: 'bad date', text: 'title: t\ndate: 05.01.2024\n' + DET, expected: ['meta/invalid-date@2:7'] },
    { name: 'impossible date', text: 'title: t\ndate: 2024-02-30\n' + DET, expected: ['meta/invalid-date@2:7'] },
    { name: 'references not a list', text: 'title: t\nreferences: http://x\n' + DET, expected: ['schema/type@2:13'] },
    { name: 'falsepositives of the wrong type (anyOf collapsed)', text: 'title: t\nfalsepositives: {a: 1}\n' + DET, expected: ['schema/type@2:17'] },
    { name: 'falsepositives list item of the wrong type', text: 'title: t\nfalsepositives:\n    - [x]\n' + DET, expected: ['schema/type@3:7'] },
    { name: 'related missing type', text: 'title: t\nrelated:\n    - id: 08fbc97d-0a2f-491c-ae21-8ffcfd3174e9\n' + DET, expected: ['schema/missing-field@3:7'] },
    { name: 'logsource value not a string', text: 'title: t\nlogsource:\n    product: [a]\ndetection:\n    sel:\n        f: 1\n    condition: sel\n', expected: ['schema/type@3:14'] },
    { name: 'empty logsource', text: 'title: t\nlogsource:\n    definition: only prose\ndetection:\n    sel:\n        f: 1\n    condition: sel\n', expected: ['logsource/empty@3:5'] },
    { name: 'legacy action', text: 'action: global\ntitle: t\n', expected: ['meta/legacy-action@1:1'] },
  ];
  it.each(errors)('$name', ({ text, expected }) => {
    const r = parseSigma(text, 'm.yml');
    expect(codes(r.diagnostics.filter((d) => d.severity === 'error'))).toEqual(expected);
    expect(r.documents).toEqual([]);
  });

  it('tags off the syntax are warnings (the rule still converts)', () => {
    const r = parseSigma('title: t\ntags:\n    - attack.T1059\n    - my tag.x y\n' + DET, 'm.yml');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column} ${d.hint ?? ''}`)).toEqual([
      "warning meta/invalid-tag@3:7 write 'attack.t1059'",
      'warning meta/invalid-tag@4:7 ',
    ]);
    expect(r.documents[0]?.tags.map((t) => [t.namespace, t.name])).toEqual([['attack', 'T1059'], ['my tag', 'x y']]);
  });

  it('enum values in the wrong case get a hint', () => {
    const d = parseSigma('title: t\nlevel: High\n' + DET, 'm.yml').diagnostics[0];
    expect([d?.code, d?.hint]).toEqual(['meta/invalid-level', "values are lower-case: 'high'"]);
  });

  it('messages are readable', () => {
    const msg = (t: string) => parseSigma(t, 'm.yml').diagnostics[0]?.message;
    expect(msg(DET)).toBe("the document is missing the required field 'title'");
    expect(msg('a: 1\n')).toBe("the document is missing the required fields 'title', 'logsource' and 'detection'");
    expect(parseSigma('a: 1\n', 'm.yml').diagnostics.map((d) => d.hint)).toEqual(['this does not look like a Sigma rule, correlation or filter']);
    expect(msg('title: t\nstatus: production\n' + DET)).toBe("'status' must be one of stable, test, experimental, deprecated, unsupported");
    expect(msg('title: t\nfalsepositives: {a: 1}\n' + DET)).toBe("'falsepositives' must be a string or a list");
  });

  it('warns about likely misspelled fields, keeps them as custom', () => {
    const r = parseSigma('title: t\nfalsepositive:\n    - x\n' + DET, 'm.yml');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column} ${d.hint}`)).toEqual([
      "warning schema/unknown-field@2:1 did you mean 'falsepositives'?",
    ]);
    expect(r.documents[0]?.custom).toEqual(Object.assign(Object.create(null), { falsepositive: ['x'] }));
  });

  it('a misspelled required field gets a hint', () => {
    const r = parseSigma('titel: t\n' + DET, 'm.yml');
    expect(r.diagnostics.find((d) => d.code === 'schema/missing-field')?.hint).toBe("found 'titel': is it misspelled?");
  });

  it('validation can be turned off', () => {
    expect(parseSigma('title: t\nstatus: production\n' + DET, 'm.yml', { validate: false }).diagnostics).toEqual([]);
  });

  it('reads YYYY-MM-DD dates as calendar days (leap years, month lengths, years before 100)', () => {
    const expected = (y: number, m: number, d: number): boolean => {
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const check = (y: number, m: number, d: number) => {
      const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      const r = parseSigma(`title: t\ndate: ${text}\n` + DET, 'm.yml');
      const ok = expected(y, m, d);
      expect(r.documents[0]?.date, text).toBe(ok ? text : undefined);
      expect(codes(r.diagnostics), text).toEqual(ok ? [] : ['meta/invalid-date@2:7']);
    };
    for (const [y, m, d] of [[2024, 2, 29], [2023, 2, 29], [1900, 2, 29], [2000, 2, 29], [2023, 4, 31], [2023, 12, 31], [2023, 0, 1], [2023, 13, 1], [2023, 1, 0], [99, 1, 1], [100, 2, 29], [0, 1, 1], [9999, 12, 31]] as const) check(y, m, d);
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), check), { numRuns: 500 });
  });
});
