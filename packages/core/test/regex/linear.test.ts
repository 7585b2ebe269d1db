// Linear time without a clock: the VM's work (instruction visits plus thread steps) on a hostile pattern and a long
// text that fails at the very end is bounded by program size × (text length + 1) × a small constant, and grows
// linearly with the text. A backtracking engine would take exponential time here.
import { describe, expect, it } from 'vitest';
import { Re2 } from '../../src/regex/index.js';
import { LinearRegex } from '../../src/index.js';

function work(pattern: string, text: string, anchor: 'none' | 'start' | 'both' = 'none'): { steps: number; bound: number; found: boolean } {
  const re = new Re2(pattern);
  const found = re.exec(text, 0, anchor) !== undefined;
  // Each position visits each instruction at most once while adding threads and steps each thread once.
  return { steps: re.steps, bound: 2 * re.programSize * (text.length + 1), found };
}

describe('linear time', () => {
  it('^(\\w+\\s?)+$ on 50,000 characters that do not match', () => {
    const text = `${'a'.repeat(50_000)}!`;
    const { steps, bound, found } = work('^(\\w+\\s?)+$', text);
    expect(found).toBe(false);
    expect(steps).toBeGreaterThan(50_000);
    expect(steps).toBeLessThanOrEqual(bound);
  });

  it('work grows linearly with the text', () => {
    const small = work('(a*)*b|(a|aa)+c', 'a'.repeat(5_000)).steps;
    const large = work('(a*)*b|(a|aa)+c', 'a'.repeat(50_000)).steps;
    expect(large / small).toBeGreaterThan(9);
    expect(large / small).toBeLessThan(11);
  });

  it('nested counted repetition stays within program size × text length', () => {
    const text = 'ab'.repeat(1_000);
    const { steps, bound } = work('(?:(?:a|b){1,30}){1,30}c', text);
    expect(steps).toBeLessThanOrEqual(bound);
  });

  it('pipeline regexes (LinearRegex) come back on hostile input', () => {
    const re = new LinearRegex('^(\\w+\\s?)+$');
    expect(re.test(`${'word '.repeat(20_000)}!`)).toBe(false);
    expect(re.fullMatch('a b c')?.group(1)).toEqual([4, 5]);
  });
});
