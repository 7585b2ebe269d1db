import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileExpr, compileRuleSet, EventView, FieldRegistry, generateProcessEvents, windowsLogsource, type Clauses } from '../src/index.js';
import { MEMO_MAX_TEXTS, Prefilter, sortSmall } from '../src/prefilter.js';
import { compileStringSet, type StringSetMember } from '../src/string-set.js';
import { weak } from '../src/compile-expr.js';
import { TEXT_MEMO_MAX_TEXTS, TextMemo } from '../src/text-memo.js';
import { and, m, or, str } from './ir.js';

/**
 * The fast paths of issue 16 are exact: each one is compared with the plain computation it replaces.
 */

const plain = (m: StringSetMember) => (t: string): boolean =>
  m.shape === 'exact' ? t === m.text : m.shape === 'prefix' ? t.startsWith(m.text) : m.shape === 'suffix' ? t.endsWith(m.text) : t.includes(m.text);

describe('compileStringSet = OR of the members', () => {
  // A small alphabet makes shared prefixes/suffixes, near misses and empty texts frequent.
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '\\', '.', 'é', '😀'), maxLength: 8 });
  const member = fc.record({ shape: fc.constantFrom('exact', 'prefix', 'suffix', 'contains'), text }) as fc.Arbitrary<StringSetMember>;

  it('on random members and texts', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 12 }), fc.array(text, { maxLength: 20 }), (members, texts) => {
        const test = compileStringSet(members);
        for (const t of texts) expect(test(t)).toBe(members.some((m) => plain(m)(t)));
      }),
      { numRuns: 500 },
    );
  });

  it('on many members over a wide alphabet (trie nodes searched by bisection past 8 children)', () => {
    const wide = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnop\\.é'), minLength: 0, maxLength: 5 });
    const many = fc.record({ shape: fc.constantFrom('exact', 'prefix', 'suffix', 'contains'), text: wide }) as fc.Arbitrary<StringSetMember>;
    fc.assert(
      fc.property(fc.array(many, { minLength: 20, maxLength: 80 }), fc.array(wide, { maxLength: 40 }), (members, texts) => {
        const test = compileStringSet(members);
        const near = members.flatMap((m) => [m.text, `x${m.text}`, `${m.text}.`, m.text.slice(1)]);
        for (const t of [...texts, ...near]) expect(test(t)).toBe(members.some((m) => plain(m)(t)));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    [[{ shape: 'suffix', text: '\\cmd.exe' }, { shape: 'suffix', text: '.exe' }], 'c:\\x\\cmd.exe', true],
    [[{ shape: 'suffix', text: '\\cmd.exe' }, { shape: 'suffix', text: 'd.exe' }], 'c:\\x\\bad.exe', true],
    [[{ shape: 'suffix', text: '\\cmd.exe' }, { shape: 'prefix', text: 'c:\\y' }], 'c:\\x\\cmdexe', false],
    [[{ shape: 'prefix', text: 'c:\\windows\\' }, { shape: 'prefix', text: 'c:\\win' }], 'c:\\winnt', true],
    [[{ shape: 'exact', text: '' }, { shape: 'exact', text: 'a' }], '', true],
    [[{ shape: 'contains', text: 'ab' }, { shape: 'exact', text: 'b' }], 'xaby', true],
  ] as const)('%j on %j: %s', (members, t, want) => {
    expect(compileStringSet(members)(t)).toBe(want);
  });
});

describe('OR of many values on one field, through the rule set', () => {
  const yaml = `title: T
id: 0b5f3c52-7a58-4e4e-9a51-61e0b0f0d001
logsource: { product: windows, category: process_creation }
detection:
  sel:
    Image|endswith: ['\\a.exe', '\\b.exe', '\\c.exe', '\\d.exe', '\\ab.exe']
  named:
    OriginalFileName: ['A.EXE', 'B.exe', 'c.exe', 'D.exe']
  cased:
    CommandLine|cased|contains: ['Xy', 'yZ', 'ZZ', 'q q']
  condition: sel or named or cased
`;
  const s = compileRuleSet(loadCollection([{ text: yaml, file: 'r.yml' }]));
  it.each([
    [{ Image: 'C:\\X\\AB.EXE' }, 1],
    [{ Image: 'C:\\X\\b.exe.bak' }, 0],
    [{ Image: ['C:\\other', 'C:\\d.exe'] }, 1],
    [{ OriginalFileName: 'b.EXE' }, 1],
    [{ OriginalFileName: 'b.EXE ' }, 0],
    [{ CommandLine: 'axyz' }, 0],
    [{ CommandLine: 'aXyz' }, 1],
    [{ CommandLine: 'q q' }, 1],
  ])('%j -> %i match', (event, n) => {
    expect(s.match(event)).toHaveLength(n);
  });
});

describe('scan memo of the prefilter', () => {
  const clauses: Clauses[] = [
    [[{ field: 'Image', literal: '\\cmd.exe' }]],
    [[{ field: 'Image', literal: 'powershell' }, { field: 'Hash', literal: 'abc' }]],
    [[{ field: 'Hash', literal: 'abc' }], [{ field: 'Image', literal: '.exe' }]],
    [],
  ];
  const entries = clauses.map((_, i) => i);
  const reg = new FieldRegistry();
  const memo = new Prefilter(entries, (i) => clauses[i]!, reg);
  const scan = new Prefilter(entries, (i) => clauses[i]!, reg, false);
  const view = (e: Record<string, unknown>) => new EventView(e, 'exact-then-path', undefined, reg);

  it('gives the plain scan candidates while repeated texts come from the memo and unique ones switch it off', () => {
    const images = ['C:\\Windows\\System32\\cmd.exe', 'C:\\x\\PowerShell.exe', 'C:\\y\\z.dll', 'C:\\x\\powershell.EXE'];
    for (let i = 0; i < 20_000; i++) {
      // Hash never repeats: its memo must turn itself off; Image repeats: its memo stays on.
      const e = { Image: images[i % images.length], Hash: `${i.toString(16)}${i % 7 === 0 ? 'ABC' : ''}` };
      expect([...memo.candidates(view(e))]).toEqual([...scan.candidates(view(e))]);
    }
    expect(memo.memoizedFields).toEqual(['Image']);
    expect(memo.memoTexts).toBe(images.length);
    expect(scan.memoizedFields).toEqual([]);
  });

  it('holds at most MEMO_MAX_TEXTS texts per field, whatever the number of events', () => {
    const p = new Prefilter(entries, (i) => clauses[i]!, reg);
    // Every text repeats once right away (hit rate 1/2: the memo stays on) and there are many of them.
    for (let i = 0; i < 10 * MEMO_MAX_TEXTS; i++) {
      for (let k = 0; k < 2; k++) p.candidates(view({ Image: `C:\\${i}\\cmd.exe` }));
      expect(p.memoTexts).toBeLessThanOrEqual(MEMO_MAX_TEXTS);
    }
    expect(p.memoizedFields).toContain('Image');
  });

  it('keeps its candidates exact when the event counter wraps (stamps are Int32)', () => {
    const p = new Prefilter(entries, (i) => clauses[i]!, reg);
    (p as unknown as { stamp: number }).stamp = 0x7fffffff - 3;
    // Array values: the same clause hit from two texts of one event, memoized and not.
    const events = [{ Image: ['C:\\a\\cmd.exe', 'C:\\b\\cmd.exe'] }, { Image: 'C:\\x\\powershell.exe', Hash: 'abc' }];
    for (let i = 0; i < 10; i++) {
      const e = events[i % 2]!;
      expect([...p.candidates(view(e))]).toEqual([...scan.candidates(view(e))]);
    }
  });

  it('on the synthetic stream, every indexed field agrees with the plain scan', () => {
    for (const e of generateProcessEvents(3_000, 99)) {
      expect([...memo.candidates(view(e))]).toEqual([...scan.candidates(view(e))]);
    }
  });
});

describe('weak literals', () => {
  it.each([
    ['ab', true],
    [' -', true],
    ['\u00a0', false], // NBSP: rare in process command lines, so it is indexed
    ['\u2015', false],
    ['`', false],
    ['abc', false],
  ])('%j -> %s', (lit, want) => expect(weak(lit)).toBe(want));

  it('an OR of values including NBSP keeps its prefilter clause', () => {
    const c = compileExpr(or(m('CommandLine', str('*\u02e3*')), m('CommandLine', str('*\u00a0*'))), { rule: 'r', diagnostics: [] });
    expect(c.clauses).toEqual([[{ field: 'CommandLine', literal: '\u02e3' }, { field: 'CommandLine', literal: '\u00a0' }]]);
  });

  it('a rule whose values include NBSP still matches exactly', () => {
    const yaml = `title: T
id: 0b5f3c52-7a58-4e4e-9a51-61e0b0f0d002
logsource: { product: windows, category: process_creation }
detection:
  sel:
    CommandLine|contains: ['\u02e3', '\u00a0', '\u00ae']
  condition: sel
`;
    const s = compileRuleSet(loadCollection([{ text: yaml, file: 'r.yml' }]), { logsource: windowsLogsource });
    const e = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, CommandLine: 'cmd /c echo\u00a0x' };
    expect(s.match(e)).toHaveLength(1);
    expect(s.match({ ...e, CommandLine: 'cmd /c echo x' })).toHaveLength(0);
  });
});

describe('clauses of an AND', () => {
  const rundll = m('Image', str('*\\rundll32.exe'));
  const js = m('CommandLine', str('*javascript:*'));
  it('leave out a clause everyday text meets when another clause is left', () => {
    const c = compileExpr(and(rundll, js), { rule: 'r', diagnostics: [] });
    expect(c.clauses).toEqual([[{ field: 'CommandLine', literal: 'javascript:' }]]);
  });
  it('keep everyday clauses when every clause is one', () => {
    const c = compileExpr(and(rundll, m('CommandLine', str('*.exe*'))), { rule: 'r', diagnostics: [] });
    expect(c.clauses).toEqual([[{ field: 'Image', literal: '\\rundll32.exe' }], [{ field: 'CommandLine', literal: '.exe' }]]);
  });
  it('drop a clause whose OR holds one everyday literal', () => {
    const c = compileExpr(and(or(m('Image', str('*\\evil.exe')), rundll), js), { rule: 'r', diagnostics: [] });
    expect(c.clauses).toEqual([[{ field: 'CommandLine', literal: 'javascript:' }]]);
  });
});

describe('TextMemo', () => {
  it('answers as the test does, holds a bounded number of texts, and switches off when texts do not repeat', () => {
    let calls = 0;
    const test = (t: string): boolean => {
      calls++;
      return t.length % 3 === 0;
    };
    const memo = new TextMemo(test);
    const distinct = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const t = `x${i % 10}`.repeat((i % 4) + 1);
      distinct.add(t);
      expect(memo.run(t)).toBe(test(t));
    }
    // Each distinct text is computed once by the memo (the other 5,000 calls are the reference's).
    expect(calls).toBe(5_000 + distinct.size);
    expect(memo.size).toBe(distinct.size);
    for (let i = 0; i < 10 * TEXT_MEMO_MAX_TEXTS; i++) {
      const t = `u${i}`;
      expect(memo.run(t)).toBe(test(t));
      expect(memo.size).toBeLessThanOrEqual(TEXT_MEMO_MAX_TEXTS);
    }
    expect(memo.active).toBe(false);
    expect(memo.size).toBe(0);
  });

  it('a memoized regex condition gives the same matches as without the memo, over repeated and new texts', () => {
    const yaml = `title: T
id: 0b5f3c52-7a58-4e4e-9a51-61e0b0f0d003
logsource: { product: windows, category: process_creation }
detection:
  sel:
    CommandLine|re: '\\s[a-f0-9]{8}\\s'
  condition: sel
`;
    const s = compileRuleSet(loadCollection([{ text: yaml, file: 'r.yml' }]));
    const re = /\s[a-f0-9]{8}\s/;
    for (let i = 0; i < 6_000; i++) {
      const cl = i % 2 === 0 ? `run ${(i % 50).toString(16).padStart(8, 'a')} now` : `run ${i.toString(16).padStart(9, 'b')} now`;
      expect(s.match({ CommandLine: cl }).length).toBe(re.test(cl) ? 1 : 0);
    }
  });
});

describe('sortSmall = Array#sort', () => {
  it('on random lists, short and long', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 80 }), fc.integer({ min: 0, max: 5 }), (xs, spare) => {
        // Only the first n places are sorted; what follows them is left alone.
        const a = Int32Array.from([...xs, ...Array<number>(spare).fill(-1)]);
        sortSmall(a, xs.length);
        expect([...a]).toEqual([...[...xs].sort((x, y) => x - y), ...Array<number>(spare).fill(-1)]);
      }),
      { numRuns: 1000 },
    );
  });
});
