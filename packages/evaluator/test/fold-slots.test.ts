// Folds kept with the prefilter's scan memo (EventView.offerFold, prefilter.ts MemoEntry): a memoized text's fold is
// computed once and reused by later events with the same text. Each check compares with the plain `fold`.
import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, EventView, FieldRegistry, fold, type Clauses } from '../src/index.js';
import { Prefilter } from '../src/prefilter.js';

const FIELDS = ['Image', 'ParentImage', 'CommandLine'] as const;

// Few texts, in several cases, with the characters fold treats specially (İ, ſ, Σ/ς, K): values repeat across events
// and across fields, so memo hits are the rule, and the same text is seen on more than one field.
const BASE = ['C:\\Windows\\cmd.exe', 'c:\\windows\\CMD.EXE', 'C:\\İx\\ſvc.exe', 'ΣΟΦΟΣ ς', '\u212Aelvin.exe', 'plain', ''];
const text = fc.constantFrom(...BASE);
const value = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 7, undefined) },
);
const event = fc.record({ Image: value, ParentImage: value, CommandLine: value }, { requiredKeys: [] });

const plainFold = (raw: string | readonly string[]): string | readonly string[] => (typeof raw === 'string' ? fold(raw) : raw.map(fold));

describe('folds kept with the scan memo', () => {
  const clauses: Clauses[] = [
    [[{ field: 'Image', literal: 'cmd.exe' }]],
    [[{ field: 'ParentImage', literal: 'svc' }, { field: 'CommandLine', literal: 'σοφ' }]],
    [[{ field: 'CommandLine', literal: 'plain' }], [{ field: 'Image', literal: '.exe' }]],
    [],
  ];

  it('a reused view gives fold(raw) for every field of every event, memo hit or not', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (events, early) => {
        const reg = new FieldRegistry();
        const p = new Prefilter(clauses.map((_, i) => i), (i) => clauses[i]!, reg);
        let view: EventView | undefined;
        events.forEach((e, k) => {
          if (view === undefined) view = new EventView(e, 'exact-then-path', undefined, reg);
          else view.load(e);
          // Sometimes a rule folds a field before the prefilter has offered anything: the slot must not change it.
          if (early[k]) expect(view.text('Image', true)).toEqual(plainFold(view.text('Image', false)));
          p.select(view);
          for (const f of FIELDS) expect(view.text(f, true)).toEqual(plainFold(view.text(f, false)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a slot offered for another text, or for the previous event, is not used', () => {
    const reg = new FieldRegistry();
    const id = reg.id('Image');
    const view = new EventView({ Image: 'C:\\A.EXE' }, 'exact-then-path', undefined, reg);
    expect(view.text('Image', false, id)).toBe('C:\\A.EXE');
    view.offerFold(id, 'C:\\B.EXE', { folded: 'wrong' });
    expect(view.text('Image', true, id)).toBe('c:\\a.exe');
    const slot = { folded: undefined as string | undefined };
    view.load({ Image: 'C:\\B.EXE' });
    view.text('Image', false, id);
    view.offerFold(id, 'C:\\B.EXE', slot);
    view.load({ Image: 'C:\\C.EXE' });
    expect(view.text('Image', true, id)).toBe('c:\\c.exe');
    expect(slot.folded).toBeUndefined();
  });

  it('rules with case-insensitive tests match as in full-scan mode (no prefilter, no kept folds)', () => {
    const yaml = `title: T
id: 0b5f3c52-7a58-4e4e-9a51-61e0b0f0d101
logsource: { product: windows, category: process_creation }
detection:
  img:
    Image|endswith: ['\\cmd.exe', '\\ſvc.exe', 'elvin.exe', 'plain']
  parent:
    ParentImage|contains: 'windows\\cmd'
  cli:
    CommandLine|contains: 'σοφοσ'
  same:
    Image|fieldref: ParentImage
  condition: img or parent or cli or same
`;
    const collection = loadCollection([{ text: yaml, file: 'r.yml' }]);
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 80 }), (events) => {
        const indexed = compileRuleSet(collection);
        const full = compileRuleSet(collection, { mode: 'full-scan' });
        for (const e of events) expect(indexed.match(e)).toEqual(full.match(e));
      }),
      { numRuns: 200 },
    );
  });
});
