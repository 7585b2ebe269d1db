// Keyword atoms of the prefilter (keyword-leaves.ts): a keyword condition is a candidate when the field scans or the
// walk over the other leaves find its literal. Compared with full-scan mode, which evaluates every condition.
import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, EventView, FieldRegistry, type CompileOptions } from '../src/index.js';
import { ShapeCache } from '../src/event-shape.js';

const rule = (n: number, detection: string): { text: string; file: string } => ({
  file: `r${n}.yml`,
  text: `title: K${n}
id: 0b5f3c52-7a58-4e4e-9a51-61e0b0f0d2${String(n).padStart(2, '0')}
logsource: { product: windows, category: process_creation }
detection:
${detection}
`,
});

// CommandLine and Image are scanned in full; Hashes (literals of 24+ characters) by sampling, so it is walked.
const RULES = [
  rule(1, `  sel:\n    CommandLine|contains: 'evil.exe'\n  kw:\n    - '\\perfc.dat'\n  condition: sel or kw`),
  rule(2, `  kw:\n    - 'secret'\n  condition: kw`),
  rule(3, `  kw:\n    - '31337'\n  h:\n    Hashes|contains: 'SHA256=0123456789ABCDEF0123'\n  condition: kw and not h`),
  rule(4, `  img:\n    Image|endswith: '\\x.exe'\n  kw:\n    - 'a.b'\n  condition: img and kw`),
  rule(5, `  kw:\n    - 'flip'\n    - '\\perfc.dat'\n  condition: kw`),
  rule(6, `  h:\n    Hashes|contains: 'SHA256=0123456789ABCDEF0123'\n  kw:\n    - 'a.b'\n  condition: h or kw`),
  // Two keyword clauses: the walk is skipped only when no condition could still become a candidate.
  rule(7, `  kw1:\n    - 'a.b'\n  kw2:\n    - '31337'\n  condition: kw1 and kw2`),
];

// Keywords in several cases and forms (İ folds to i, K to k), near misses, and texts other rules look for.
const TEXTS = [
  '\\perfc.dat', 'C:\\Windows\\PERFC.DAT x', 'x\\perfc.da', '\\perfc.daT', 'SECRET', 'sEcReT!', 'secre', 'FLİP', 'fl1p',
  '31337', 'a.b', 'xA.By', 'C:\\x.exe', 'run evil.exe', 'SHA256=0123456789ABCDEF0123456789', 'plain', '',
];
const FIELDS = ['CommandLine', 'Image', 'Hashes', 'User', 'Computer', 'Other'];

const text = fc.oneof(fc.constantFrom(...TEXTS), fc.tuple(fc.constantFrom(...TEXTS), fc.constantFrom(...TEXTS)).map(([a, b]) => a + b));
const number = fc.constantFrom(31337, 1313370, 0.31337, -31337, 42, Number.NaN);
const value = fc.letrec((tie) => ({
  leaf: fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: fc.constantFrom(null, true) }),
  any: fc.oneof(
    { weight: 6, arbitrary: tie('leaf') },
    { weight: 1, arbitrary: fc.array(tie('any'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('inner', 'CommandLine', 'n'), tie('any'), { maxKeys: 2 }) },
  ),
})).any;
const event = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: FIELDS.length });
// One key order for a whole stream: the views capture the events' values by position (event-shape.ts).
const sameShape = fc.array(fc.tuple(...FIELDS.map(() => value)), { minLength: 1, maxLength: 40 }).map((rows) =>
  rows.map((vs) => Object.fromEntries(FIELDS.map((f, i) => [f, vs[i]]))),
);

function agree(events: readonly Record<string, unknown>[], options: CompileOptions = {}): void {
  const collection = loadCollection(RULES);
  const indexed = compileRuleSet(collection, options);
  const full = compileRuleSet(collection, { ...options, mode: 'full-scan' });
  for (const e of events) expect(indexed.match(e)).toEqual(full.match(e));
}

describe('keyword atoms in the prefilter', () => {
  it('match as full-scan mode on streams of one shape', () => {
    fc.assert(fc.property(sameShape, (events) => agree(events)), { numRuns: 300 });
  });

  it('match as full-scan mode on streams of varied keys and nesting', () => {
    fc.assert(fc.property(fc.array(event, { minLength: 1, maxLength: 40 }), (events) => agree(events)), { numRuns: 300 });
  });

  it('match as full-scan mode with keyword fields configured (keyword atoms unused)', () => {
    fc.assert(
      fc.property(sameShape, (events) => agree(events, { keywordFields: ['User', 'Hashes'] })),
      { numRuns: 100 },
    );
  });

  it('match as full-scan mode when the view stops capturing shapes (keys that change with every event)', () => {
    // Past 64 new key sets in 256 events the shape cache pauses (event-shape.ts): the view cannot tell which values
    // the field scans read, and every keyword atom must count as found.
    const events = Array.from({ length: 300 }, (_, i) => ({ [`k${i}`]: i, CommandLine: 'plain', Computer: i % 3 === 0 ? '\\PERFC.dat' : 'host' }));
    agree(events);
    const s = compileRuleSet(loadCollection(RULES));
    expect(events.filter((e) => s.match(e).length > 0)).toHaveLength(100);
  });

  it.each([
    // The keyword only in a field that is not scanned (Computer), in the sampled field, nested, or in an array.
    [{ CommandLine: 'plain', Image: 'C:\\a.exe', Computer: 'C:\\PERFC.DAT' }, ['K1', 'K5']],
    [{ CommandLine: 'plain', Hashes: 'x\\perfc.dat' }, ['K1', 'K5']],
    [{ CommandLine: { inner: '\\perfc.dat' } }, ['K1', 'K5']],
    [{ CommandLine: ['plain', ['\\perfc.dat']] }, ['K1', 'K5']],
    [{ Image: 'C:\\x.exe', Other: 31337, CommandLine: 'xA.By' }, ['K3', 'K4', 'K6', 'K7']],
    [{ Image: 'C:\\y.exe', Other: 31337, Computer: 'xA.By' }, ['K3', 'K6', 'K7']],
    [{ Image: 'C:\\x.exe', User: 'FLİP' }, ['K5']],
    [{ Image: 'C:\\x.exe', User: 'flp' }, []],
  ])('%j -> %j', (e, titles) => {
    const s = compileRuleSet(loadCollection(RULES));
    // Twice: the second time through the scan memo and the view's captured shape.
    for (let i = 0; i < 2; i++) expect(s.match(e).map((m) => m.title)).toEqual(titles);
  });
});

describe('the keyword walk of a view pointed at event after event', () => {
  it('reads only the current event (its stack of containers is emptied after every walk)', () => {
    // A walk that finds the keyword early leaves the containers it queued: they must not be walked for the next event.
    const probe = (leaf: string): boolean => leaf.toLowerCase().includes('perfc');
    const fields = new FieldRegistry();
    const marks = (shape: { keys: readonly string[] }): Uint8Array => Uint8Array.from(shape.keys, (k) => (k === 'Image' ? 1 : 0));
    fc.assert(
      fc.property(sameShape, (events) => {
        const reused = new EventView({}, 'exact-then-path', undefined, fields, new ShapeCache(fields));
        for (const e of events) {
          reused.load(e);
          const fresh = new EventView(e, 'exact-then-path', undefined, fields, new ShapeCache(fields));
          expect(reused.someLeafOutside(probe, 3, marks)).toBe(fresh.someLeafOutside(probe, 3, marks));
        }
      }),
      { numRuns: 300 },
    );
  });
});
