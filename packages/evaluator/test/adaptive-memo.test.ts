// AdaptiveMemo (src/adaptive-memo.ts), shared by the prefilter's scans and the regex tests: on while it pays, off
// for a pause when it does not, bounded, and never holding long texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdaptiveMemo, NOT_KEPT } from '../src/adaptive-memo.js';

describe('AdaptiveMemo', () => {
  it('keeps what it is told, and answers it back', () => {
    const m = new AdaptiveMemo<number>(0.5, 8);
    expect(m.lookup('a')).toBeUndefined();
    m.remember('a', 1);
    expect(m.lookup('a')).toBe(1);
    expect(m.size).toBe(1);
  });

  /** Lookups of distinct texts until the memo stops answering NOT_KEPT, at most `limit`. */
  const offFor = (m: AdaptiveMemo<number>, prefix: string, limit: number): number => {
    let n = 0;
    while (n < limit && m.lookup(`${prefix}${n}`) === NOT_KEPT) n++;
    return n;
  };
  /** A memo turned off by a window of 1,024 texts that do not repeat. */
  const turnedOff = (): AdaptiveMemo<number> => {
    const m = new AdaptiveMemo<number>(0.5, 1 << 20);
    for (let i = 0; i < 1024; i++) {
      expect(m.lookup(`t${i}`)).toBeUndefined();
      m.remember(`t${i}`, i);
    }
    expect(m.active).toBe(false);
    expect(m.size).toBe(0);
    return m;
  };

  it('turns off after a window of texts that do not repeat; after the pause, a trial that keeps nothing turns it on', () => {
    const m = turnedOff();
    // 65,536 texts pass unmemoized, then the trial window: 1,024 more, noted but not kept, that repeat.
    for (let i = 0; i < 1 << 16; i++) expect(m.lookup(`u${i}`)).toBe(NOT_KEPT);
    for (let i = 0; i < 1024; i++) {
      expect(m.lookup(`r${i % 8}`)).toBe(NOT_KEPT);
      expect(m.size).toBe(0);
    }
    expect(m.active).toBe(true);
    expect(m.lookup('r0')).toBeUndefined();
    m.remember('r0', 1);
    expect(m.lookup('r0')).toBe(1);
  });

  it('stays off, for another pause, after a trial of texts that do not repeat', () => {
    const m = turnedOff();
    // The pause, the trial window, then a whole pause again: not on meanwhile.
    expect(offFor(m, 'u', (1 << 16) + 1024 + (1 << 16))).toBe((1 << 16) + 1024 + (1 << 16));
    expect(m.active).toBe(false);
    // The next trial, on texts that repeat, turns it on.
    for (let i = 0; i < 1024; i++) expect(m.lookup(`r${i % 8}`)).toBe(NOT_KEPT);
    expect(m.active).toBe(true);
  });

  it('stays on while the hit rate holds, and holds at most maxTexts texts', () => {
    const m = new AdaptiveMemo<number>(0.5, 16);
    for (let i = 0; i < 10_000; i++) {
      const t = `r${i % 4}`;
      if (m.lookup(t) === undefined) m.remember(t, i);
      expect(m.size).toBeLessThanOrEqual(16);
    }
    expect(m.active).toBe(true);
    expect(m.size).toBe(4);
  });

  it('never keeps a text over 512 characters, and never turns on when not enabled', () => {
    const m = new AdaptiveMemo<number>(0.5, 16);
    expect(m.lookup('x'.repeat(513))).toBe(NOT_KEPT);
    expect(m.lookup('x'.repeat(512))).toBeUndefined();
    const off = new AdaptiveMemo<number>(0.5, 16, false);
    for (let i = 0; i < 70_000; i++) expect(off.lookup('same')).toBe(NOT_KEPT);
    expect(off.active).toBe(false);
  });

  it('answers each text with the value remembered for it, whatever came just before (the last text is kept apart)', () => {
    // Texts of equal length and shared prefixes, often repeated back to back, through clears (maxTexts 4) and
    // windows that turn the memo off and on.
    const text = fc.constantFrom('aa', 'ab', 'ba', 'a', 'abc', 'abd', 'x'.repeat(512), 'x'.repeat(511) + 'y');
    const run = fc.tuple(text, fc.integer({ min: 1, max: 3 })).map(([t, n]) => Array<string>(n).fill(t));
    fc.assert(
      fc.property(fc.array(run, { maxLength: 700 }), fc.constantFrom(0.1, 0.5, 0.9), (runs, rate) => {
        const m = new AdaptiveMemo<string>(rate, 4);
        for (const t of runs.flat()) {
          const v = m.lookup(t);
          if (v === undefined) m.remember(t, `v:${t}`);
          else if (v !== NOT_KEPT) expect(v).toBe(`v:${t}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
