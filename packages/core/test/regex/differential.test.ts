// Differential tests: the engine against re2js (the RE2 port it replaces) as the oracle. Random patterns from a
// metacharacter-heavy alphabet must get the same verdict and message, and accepted ones the same matches and group
// spans (find from every start, lookingAt, full match) on random texts. RE2_RUNS=N raises the case count.
import fc from 'fast-check';
import { RE2JS, RE2Set } from 're2js';
import { describe, expect, it } from 'vitest';
import { Re2, re2SyntaxError } from '../../src/regex/index.js';

const RUNS = Number(process.env.RE2_RUNS ?? 1500);

const ATOMS = [
  'a', 'b', 'k', 'K', 's', 'S', '0', '1', '_', ' ', '-', '.', '|', '*', '+', '?', '(', ')', '[', ']', '{', '}', ',',
  '^', '$', '\\', ':', '<', '>', 'P', '=', '!', '#', '\n', 'é', 'ſ', '\u212a', 'Σ', 'σ', 'ς', '😀', '\ud800',
  '(?:', '(?i)', '(?m)', '(?s)', '(?U)', '(?-i)', '(?i:', '(?P<n>', '(?<m>', '(?P<n', '[^', '[:alpha:]', '[:^space:]',
  '[:word:]', '[:foo:]', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\b', '\\B', '\\A', '\\z', '\\Z', '\\C', '\\Q',
  '\\E', '\\pL', '\\PL', '\\pN', '\\p{Greek}', '\\p{Lu}', '\\P{Ll}', '\\p{^Lu}', '\\p{Foo}', '\\p{Latin}', '\\p{Any}',
  '\\p{Assigned}', '\\pZ', '\\x41', '\\x{212A}', '\\x{110000}', '\\x{', '\\101', '\\0', '\\1', '\\8', '\\n', '\\t',
  '\\.', '\\-', '\\]', '{2}', '{1,3}', '{0}', '{2,}', '{,2}', '{3,1}', '{1001}', '{01}', '{0,1}', 'a-z', 'A-Z', '\\q',
  '*?', '+?', '??', '{1,2}?',
];
const TEXT = ['a', 'b', 'k', 'K', 's', 'S', 'ſ', '\u212a', '0', '1', '_', ' ', '\n', '-', 'é', 'É', 'Σ', 'σ', 'ς', '😀', '\ud83d', '\ude00', 'ab', '{', '.', 'x'];

const patternArb = fc.array(fc.constantFrom(...ATOMS), { maxLength: 9 }).map((a) => a.join(''));
const textArb = fc.array(fc.constantFrom(...TEXT), { maxLength: 8 }).map((a) => a.join(''));

function oracleVerdict(p: string): string | undefined {
  try {
    new RE2Set().add(p);
    RE2JS.compile(p);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

type Found = { spans: number[]; named: Record<string, number[]> } | null;

function oracleFind(re: RE2JS, text: string, mode: 'find' | 'lookingAt' | 'matches', from = 0): Found {
  const m = re.matcher(text);
  const ok = mode === 'find' ? m.find(from) : mode === 'lookingAt' ? m.lookingAt() : m.matches();
  if (!ok) return null;
  const spans: number[] = [];
  for (let g = 0; g <= m.groupCount(); g++) spans.push(m.start(g), m.end(g));
  const named: Record<string, number[]> = {};
  for (const name of Object.keys(m.getNamedGroups())) named[name] = [m.start(name), m.end(name)];
  return { spans, named };
}

function ownFind(re: Re2, text: string, mode: 'find' | 'lookingAt' | 'matches', from = 0): Found {
  const caps = re.exec(text, from, mode === 'find' ? 'none' : mode === 'lookingAt' ? 'start' : 'both');
  if (!caps) return null;
  const named: Record<string, number[]> = {};
  for (const [name, g] of re.names) named[name] = [caps[2 * g]!, caps[2 * g + 1]!];
  return { spans: Array.from(caps), named };
}

function compare(p: string, texts: string[]): void {
  const want = oracleVerdict(p);
  const got = re2SyntaxError(p)?.message;
  expect(got, `verdict of ${JSON.stringify(p)}`).toBe(want);
  if (want !== undefined) return;
  const oracle = RE2JS.compile(p);
  const own = new Re2(p);
  expect(own.groupCount).toBe(oracle.groupCount());
  expect([...own.names.keys()].sort()).toEqual(Object.keys(oracle.namedGroups()).sort());
  for (const t of texts) {
    for (const mode of ['lookingAt', 'matches'] as const)
      expect(ownFind(own, t, mode), `${mode} ${JSON.stringify(p)} on ${JSON.stringify(t)}`).toEqual(oracleFind(oracle, t, mode));
    for (let from = 0; from <= t.length; from++)
      expect(ownFind(own, t, 'find', from), `find ${JSON.stringify(p)} on ${JSON.stringify(t)} from ${from}`).toEqual(
        oracleFind(oracle, t, 'find', from),
      );
  }
}

describe('engine = re2js on random patterns and texts', () => {
  it('same verdict, message, matches and group spans', () => {
    fc.assert(
      fc.property(patternArb, fc.array(textArb, { minLength: 1, maxLength: 3 }), (p, texts) => compare(p, texts)),
      { numRuns: RUNS },
    );
  });

  it('same under the i, m, s flags as RE2JS.compile applies them', () => {
    fc.assert(
      fc.property(patternArb, textArb, fc.constantFrom('(?i)', '(?s)', '(?m)', '(?m)(?s)(?i)'), (p, t, f) => compare(f + p, [t])),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('known corners', () => {
    const cases: [string, string[]][] = [
      ['(a|)*', ['b', 'aa']],
      ['(|a)*', ['aa']],
      ['(a*)+', ['b']],
      ['(a*)*', ['b']],
      ['(?i)k', ['\u212a', 'K']],
      ['(?i)\\W', ['\u212a', 'ſ', '!']],
      ['(?i)[^k]', ['\u212a']],
      ['(?i)\\P{Lu}', ['a', 'A', '1']],
      ['x*', ['😀', '\ud83d']],
      ['.', ['\ud800\udc00', '\ude00']],
      ['\\b', ['é a']],
      ['(?m)^$', ['\n\n']],
      ['(a)|b', ['b']],
      ['(?U)a+', ['aaa']],
      ['(?P<1>a)(?P<x>b)?', ['ab']],
    ];
    for (const [p, texts] of cases) compare(p, texts);
  });
});
