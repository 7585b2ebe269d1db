import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AhoCorasick, collectLeaves, compileRuleSet, fold } from '../src/index.js';
import { evaluate, kw, str } from './ir.js';

// Rules exercising every value kind, so random events reach every matcher.
const RULES = `
title: Every kind
id: 6f3e7d2a-1b4c-4d5e-8f90-a1b2c3d4e5f6
logsource: { product: windows, category: process_creation }
detection:
  s_str: { Image|endswith: '\\cmd.exe', CommandLine|contains|all: ['/c', 'x?y*z'] }
  s_num: { EventID: [1, 4688], Count|gt: 5 }
  s_bool: { Signed: true }
  s_null: { Missing: null }
  s_exists: { Image|exists: true }
  s_re: { CommandLine|re: '(a+)+$' }
  s_re2: { CommandLine|re|i: '^\\s*(cmd|pwsh)\\b' }
  s_cidr: { Ip|cidr: ['10.0.0.0/8', 'fe80::/10'] }
  s_ref: { ParentImage|fieldref|endswith: Image }
  s_time: { UtcTime|hour|gte: 8 }
  s_cased: { User|cased: 'SYSTEM' }
  s_nested: { Event.EventData.Image|contains: 'temp' }
  keywords: ['mimikatz', 'sekurlsa']
  condition: 1 of s_* or keywords or not s_null
`;

const jsonEvent = fc.dictionary(
  fc.constantFrom('Image', 'CommandLine', 'EventID', 'Count', 'Signed', 'Missing', 'Ip', 'ParentImage', 'UtcTime', 'User', 'Event', 'Event.EventData.Image', 'x'),
  fc.jsonValue({ maxDepth: 4 }),
);

describe('robustness', () => {
  const collection = loadCollection([{ text: RULES, file: 'kinds.yml' }]);
  const indexed = compileRuleSet(collection);
  const fullScan = compileRuleSet(collection, { mode: 'full-scan' });

  it('the test rule compiles without problems', () => {
    expect([...collection.diagnostics, ...indexed.diagnostics].filter((d) => d.severity === 'error')).toEqual([]);
    expect(indexed.conditionCount).toBe(1);
  });

  it('a random event never crashes the evaluator, and both modes agree', () => {
    fc.assert(
      fc.property(jsonEvent, (event) => {
        const a = indexed.match(event);
        expect(a).toEqual(fullScan.match(event));
      }),
      { numRuns: 1000 },
    );
  });

  it('hostile event shapes: deep nesting, huge strings, odd keys', () => {
    let deep: unknown = 'cmd.exe';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const events: Record<string, unknown>[] = [
      { Image: deep, CommandLine: deep },
      { CommandLine: `${'a'.repeat(200_000)}!` },
      // JSON.parse makes `__proto__` an own key, as in a real event file.
      JSON.parse('{"__proto__": {"Image": "x"}, "constructor": "y", "Event.EventData.Image": "TEMP", "hasOwnProperty": 1}'),
      { Image: Number.NaN, Count: Infinity, UtcTime: -1e300 },
    ];
    for (const e of events) expect(Array.isArray(indexed.match(e))).toBe(true);
    expect(indexed.match(events[2]!).map((m) => m.identifiers)).toEqual([['s_null', 's_nested']]);
  });
});

describe('keyword search shortcut', () => {
  it('equals the plain definition: some leaf, folded, contains the folded keyword', () => {
    const unit = fc.constantFrom('a', 'k', 'i', 'I', 'İ', '\u212A', 'ſ', 's', 'S', '.', '\\', 'é', 'σ', 'Σ', 'ς');
    const leaf = fc.oneof(fc.string({ unit, maxLength: 8 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('x', 'y'), leaf))),
        (keyword, event) => {
          const expr = kw(str(keyword.replace(/[*?\\]/g, '\\$&')));
          const leaves: string[] = [];
          collectLeaves(event, leaves);
          const expected = leaves.some((l) => fold(l).includes(fold(keyword)));
          expect(evaluate(expr, event)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('Aho-Corasick prefilter automaton', () => {
  it('finds every occurrence that a naive search over fold(text) finds', () => {
    const unit = fc.constantFrom('a', 'b', 'A', '\\', '.', '-', '–', 'é', 'É', 'İ', 'ſ', 'K', '😀', 'x');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit, minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.string({ unit, maxLength: 40 }),
        (raw, text) => {
          const patterns = [...new Set(raw.map(fold))];
          const ac = new AhoCorasick(patterns);
          const found = new Set<number>();
          ac.scan(text, (id) => found.add(id));
          const folded = fold(text);
          patterns.forEach((p, id) => {
            if (folded.includes(p)) expect(found.has(id)).toBe(true);
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Found by the fuzz campaign (seed 19693, input 93190): the emoji rule's 300 literals are all one class sequence
  // (every non-ASCII unit is one class), and a mutated literal of 20,000 `é` put each of them in the reports of
  // every state of its path: 6 million entries, 0.9 s to build.
  it('reports every pattern for any text past its budget instead of building an exploding report table', () => {
    const emoji = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x1f400 + i));
    const ac = new AhoCorasick([...emoji, 'é'.repeat(20_000)]);
    expect(ac.saturated).toBe(true);
    const found = new Set<number>();
    ac.scan('', (id) => found.add(id));
    expect(found.size).toBe(301);
    // In steps (the prefilter's way) too: every pattern once, for any text.
    for (const text of ['', 'abc', 'é'.repeat(50)]) {
      const stepped: number[] = [];
      for (let i = ac.next(text, 0); i >= 0; i = ac.next(text, i)) for (let k = 0; k < ac.reportedCount(); k++) stepped.push(ac.reported(k));
      expect(stepped).toEqual(Array.from({ length: 301 }, (_, id) => id));
    }
    // Far from the budget, as the SigmaHQ emoji rules are: exact reports.
    const small = new AhoCorasick([...emoji, 'é'.repeat(20)]);
    expect(small.saturated).toBe(false);
    const hits = new Set<number>();
    small.scan('a\u{1f400}b', (id) => hits.add(id));
    expect(hits.has(0)).toBe(true);
    expect(hits.has(300)).toBe(false);
  });
});
