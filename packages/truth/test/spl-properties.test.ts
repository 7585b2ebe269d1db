import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SplunkEvent } from '../src/types.js';
import { compileSpl } from '../src/spl/index.js';

/**
 * Laws that tie the search command, where/eval and the regex command together, checked on random small events:
 * two independent code paths (search wildcards vs like(), segment matching vs a token split) must agree.
 */
const letter = fc.constantFrom('a', 'b', 'A', 'B', '.', ' ', '-');
const text = fc.array(letter, { maxLength: 5 }).map((cs) => cs.join(''));
const fieldValue = fc.oneof(fc.constant(undefined), text, fc.array(text, { minLength: 2, maxLength: 3 }));
const pattern = fc.array(fc.constantFrom('a', 'b', 'B', '*', '.', '-'), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));

const eventArb = fc.record({ f: fieldValue, g: fieldValue, raw: fc.array(fc.constantFrom('ab', 'ba', 'a', 'b', ' ', '.', '-', '/', '=', '"', 'x'), { maxLength: 8 }) });
const events = fc.array(eventArb, { minLength: 1, maxLength: 8 }).map((es) =>
  es.map((e, i): SplunkEvent => {
    const fields: Record<string, string | string[]> = {};
    if (e.f !== undefined) fields['f'] = e.f;
    if (e.g !== undefined) fields['g'] = e.g;
    return { _raw: `id${i} ${e.raw.join('')}`, index: 'main', source: 's', sourcetype: 't', host: 'h', fields };
  }),
);

const ids = (q: string, es: readonly SplunkEvent[]): string[] => compileSpl(q).run(es).map((e) => e._raw);
const quote = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

describe('laws of the interpreter', () => {
  test('NOT f=v is the complement of f=v; f!=v is NOT f=v restricted to events having f', () => {
    fc.assert(
      fc.property(events, pattern, (es, v) => {
        const eq = new Set(ids(`f=${quote(v)}`, es));
        const not = ids(`NOT f=${quote(v)}`, es);
        expect(not).toEqual(es.map((e) => e._raw).filter((r) => !eq.has(r)));
        const ne = ids(`f!=${quote(v)}`, es);
        // Single-valued events: != is "has f and no value matches".
        const expected = es.filter((e) => e.fields['f'] !== undefined && !eq.has(e._raw)).map((e) => e._raw);
        expect(ne).toEqual(expected);
      }),
    );
  });

  test('search f="p*q" agrees with where like(lower(f), "p%q")', () => {
    fc.assert(
      fc.property(events, pattern, (es, v) => {
        const single = es.filter((e) => !Array.isArray(e.fields['f']));
        const like = v.toLowerCase().replaceAll('*', '%');
        expect(ids(`f=${quote(v)}`, single)).toEqual(ids(`* | where like(lower(f), ${quote(like)})`, single));
      }),
    );
  });

  test('IN is an OR of equalities; OR binds tighter than AND', () => {
    fc.assert(
      fc.property(events, pattern, pattern, pattern, (es, a, b, c) => {
        expect(ids(`f IN (${quote(a)}, ${quote(b)})`, es)).toEqual(ids(`f=${quote(a)} OR f=${quote(b)}`, es));
        expect(ids(`g=${quote(c)} f=${quote(a)} OR f=${quote(b)}`, es)).toEqual(ids(`g=${quote(c)} (f=${quote(a)} OR f=${quote(b)})`, es));
      }),
    );
  });

  test('a plain word matches _raw iff it is one of the segments between breakers', () => {
    const breakers = /[\s[\]<>(){}|!;,'"*&?+/:=@.\-$#%\\_]+/;
    fc.assert(
      fc.property(events, fc.constantFrom('a', 'b', 'ab', 'ba', 'x', 'abx'), (es, w) => {
        const expected = es.filter((e) => e._raw.toLowerCase().split(breakers).includes(w)).map((e) => e._raw);
        expect(ids(w, es)).toEqual(expected);
      }),
    );
  });

  test('| regex f="re" agrees with | where match(f, "re")', () => {
    fc.assert(
      fc.property(events, fc.constantFrom('^a', 'b$', 'a.b', '(?i)ab', '\\\\.', '^$', 'a|B'), (es, re) => {
        const single = es.filter((e) => !Array.isArray(e.fields['f']));
        expect(ids(`* | regex f=${quote(re)}`, single)).toEqual(ids(`* | where match(f, ${quote(re)})`, single));
      }),
    );
  });
});
