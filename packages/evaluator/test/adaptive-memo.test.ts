// AdaptiveMemo (src/adaptive-memo.ts), shared by the prefilter's scans and the regex tests: on while it pays, off
// for a pause when it does not, bounded, and never holding long texts.
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

  it('turns off after a window of texts that do not repeat, then on again after the pause', () => {
    const m = new AdaptiveMemo<number>(0.5, 1 << 20);
    let i = 0;
    for (; i < 1024; i++) {
      expect(m.lookup(`t${i}`)).toBeUndefined();
      m.remember(`t${i}`, i);
    }
    expect(m.active).toBe(false);
    expect(m.size).toBe(0);
    let off = 0;
    while (m.lookup(`u${off}`) === NOT_KEPT) off++;
    // 65,536 texts pass unmemoized; the next lookup finds the memo on again (and empty).
    expect(off).toBe(1 << 16);
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
});
