import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cliCommand, shellQuote } from '../src/command.js';
import { decodeState, encodeState, TARGETS, type PlaygroundState } from '../src/state.js';

const defaults: PlaygroundState = { rule: 'title: x', target: 'splunk', pipelines: [], customPipeline: '', noDefaultPipelines: false, format: '', events: '' };

const stateArb: fc.Arbitrary<PlaygroundState> = fc.record({
  rule: fc.string({ unit: 'grapheme', maxLength: 400 }),
  target: fc.constantFrom(...TARGETS),
  pipelines: fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
  customPipeline: fc.string({ unit: 'grapheme', maxLength: 100 }),
  noDefaultPipelines: fc.boolean(),
  format: fc.string({ maxLength: 12 }),
  events: fc.string({ unit: 'grapheme', maxLength: 200 }),
});

describe('share link state', () => {
  it('round-trips any state (any Unicode text) through the URL fragment', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const fragment = encodeState(state);
        // Only characters that need no escaping in a URL fragment.
        expect(fragment).toMatch(/^[A-Za-z0-9._-]*$/);
        expect(decodeState(`#${fragment}`, defaults)).toEqual({ kind: 'ok', state });
      }),
      { numRuns: 300 },
    );
  });

  const invalid: readonly (readonly [string, RegExp])[] = [
    ['', /does not start/],
    ['#abc', /does not start/],
    ['#s1.%%%', /not readable/],
    ['#s1.' + btoa('not json'), /not readable/],
    ['#s1.' + btoa('[1,2]'), /not an object/],
    ['#s1.' + btoa('{"t":"elastic"}'), /unknown target "elastic"/],
    ['#s1.' + btoa('\xff\xfe'), /not readable/], // not UTF-8
  ];
  it.each(invalid)('a broken link %j is reported, not thrown', (fragment, reason) => {
    const r = decodeState(fragment, defaults);
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.reason).toMatch(reason);
  });

  it('fills fields a link leaves out with the defaults', () => {
    expect(decodeState('#s1.' + btoa('{"t":"kql"}').replace(/=+$/, ''), defaults)).toEqual({ kind: 'ok', state: { ...defaults, target: 'kql' } });
  });
});

describe('the equivalent sigmats command', () => {
  const cases: readonly (readonly [Partial<PlaygroundState>, string])[] = [
    [{}, 'sigmats convert -t splunk rule.yml'],
    [{ target: 'kql', pipelines: ['sentinel_asim'], format: 'sentinel' }, 'sigmats convert -t kql -p sentinel_asim -f sentinel rule.yml'],
    [{ target: 'sumo-cse', noDefaultPipelines: true }, 'sigmats convert -t sumo-cse --no-default-pipelines rule.yml'],
    [{ pipelines: ['sysmon'], customPipeline: 'name: x\n' }, 'sigmats convert -t splunk -p sysmon -p pipeline.yml rule.yml'],
    [{ customPipeline: '   \n' }, 'sigmats convert -t splunk rule.yml'],
  ];
  it.each(cases)('%j -> %s', (partial, expected) => {
    expect(cliCommand({ ...defaults, ...partial })).toBe(expected);
  });

  const quoting: readonly (readonly [string, string])[] = [
    ['plain-name_1.yml', 'plain-name_1.yml'],
    ['with space', "'with space'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf x)', "'$(rm -rf x)'"],
    ['', "''"],
  ];
  it.each(quoting)('quotes %j as %s', (word, expected) => {
    expect(shellQuote(word)).toBe(expected);
  });
});
