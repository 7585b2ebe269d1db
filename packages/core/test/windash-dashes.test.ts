// `|windash`: the five dash characters are interchangeable at the start of a word, whichever one the rule wrote.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValuePart } from '../src/ir/values.js';
import { windashPositions, windashVariants } from '../src/parse/windash.js';
import { itemValues } from './helpers.js';

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

describe('qualifying positions: any of the five dashes, not after a word character, before one', () => {
  it.each([
    ['\u2013x', [0]],
    ['\u2014x', [0]],
    ['\u2015x', [0]],
    ['cmd \u2014c', [4]],
    ['a\u2013b', []],
    ['\u2014 x', []],
    ['x \u2015', []],
    ['\u2013\u2013x', [1]],
  ])('%j', (value, positions) => expect(windashPositions(value)).toEqual(positions));
});

describe('variants: the written dash first, then the four others, every position independently', () => {
  it.each(DASHES)('a value written with %j yields all five', (dash) => {
    const variants = windashVariants([{ kind: 'literal', text: `${dash}enc` }]).map((v) => (v[0] as { text: string }).text);
    expect(variants[0]).toBe(`${dash}enc`);
    expect([...variants].sort()).toEqual(DASHES.map((d) => `${d}enc`).sort());
  });
  it('two positions written with different dashes: 25 distinct variants', () => {
    const variants = windashVariants([{ kind: 'literal', text: '\u2015a /b' }]).map((v) => (v[0] as { text: string }).text);
    expect(new Set(variants).size).toBe(25);
    expect(variants).toContain('-a -b');
    expect(variants).toContain('\u2014a \u2013b');
  });
  it('through the parser: an em-dash rule value expands like a hyphen one', () => {
    const em = itemValues('f|windash|contains', "'\u2014foo'");
    const hy = itemValues('f|windash|contains', "'-foo'");
    const texts = (v: typeof em) => {
      const x = v.values?.[0];
      if (x?.kind !== 'expansion') throw new Error('no expansion');
      return x.values.map((s) => (s.kind === 'string' ? s.parts.map((p) => (p.kind === 'literal' ? p.text : '*')).join('') : '')).sort();
    };
    expect(texts(em)).toEqual(texts(hy));
    expect(em.diagnostics).toEqual([]);
  });
});

describe('variants over many parts', () => {
  // The order and content of the product, part by part, as the straightforward (quadratic) construction gives them.
  const reference = (parts: readonly ValuePart[]): string[] => {
    let variants: string[] = [''];
    for (const p of parts) {
      if (p.kind !== 'literal') {
        variants = variants.map((v) => `${v}<${p.kind}>`);
        continue;
      }
      const opts = windashVariants([p]).map((v) => (v[0] as { text: string }).text);
      variants = variants.flatMap((v) => opts.map((o) => v + o));
    }
    return variants;
  };
  const show = (v: readonly ValuePart[]) => v.map((p) => (p.kind === 'literal' ? p.text : `<${p.kind}>`)).join('');
  it('agree with the part-by-part product, written variant first', () => {
    const part = fc.oneof(
      fc.constantFrom<ValuePart>({ kind: 'wildcard-multi' }, { kind: 'wildcard-single' }),
      fc.stringMatching(/^[a-z \-/]{1,6}$/).map((text): ValuePart => ({ kind: 'literal', text })),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        if (windashPositions(parts.map((p) => (p.kind === 'literal' ? p.text : '')).join('|')).length > 4) return;
        expect(windashVariants(parts).map(show)).toEqual(reference(parts));
      }),
      { numRuns: 500 },
    );
  });
  it('a value of thousands of wildcards keeps every part in each of its five variants', () => {
    const parts: ValuePart[] = [{ kind: 'literal', text: '/remote:x' }, ...Array.from({ length: 20_000 }, (): ValuePart => ({ kind: 'wildcard-multi' }))];
    const variants = windashVariants(parts);
    expect(variants).toHaveLength(5);
    for (const v of variants) expect(v).toHaveLength(20_001);
  });
});
