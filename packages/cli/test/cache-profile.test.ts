import { describe, expect, it } from 'vitest';
import { cacheProfile, codeCacheFile } from '../src/launch/bundle.js';

// Which code cache a start loads (launch/bundle.ts): a convert to one target loads that target's own, a check without
// targets the check's. A wrong guess costs time only, never output; these are the forms the argument parser (args.ts)
// accepts for -t.
describe('cacheProfile', () => {
  const cases: [string[], string | undefined][] = [
    [['convert', '-t', 'splunk', 'rules/'], 'splunk'],
    [['convert', 'rules/', '--target', 'sumo-cse'], 'sumo-cse'],
    [['convert', '--target=kql', 'rules/'], 'kql'],
    [['convert', '-tsumo', 'rules/'], 'sumo'],
    [['convert', '-t=splunk', 'rules/'], 'splunk'],
    // Several targets (all of them, too), or none named: the whole cache.
    [['convert', '-t', 'all', 'rules/'], undefined],
    [['convert', '--target=all', 'rules/'], undefined],
    [['convert', '-t', 'splunk,kql', 'rules/'], undefined],
    [['convert', '-t', 'splunk', '-t', 'kql', 'rules/'], undefined],
    [['convert', 'rules/'], undefined],
    [['convert', '-t'], undefined],
    // A check without targets has its own; with one, it converts too: the whole cache.
    [['check', 'rules/'], 'check'],
    [['check', '--sigmahq', 'rules/'], 'check'],
    [['check', '-t', 'kql', 'rules/'], undefined],
    [['check', '--target=all', 'rules/'], undefined],
    [['convert', '-t', 'check', 'rules/'], undefined],
    // Other commands, and what follows `--` (file names).
    [['eval', '-t', 'kql'], undefined],
    [['convert', '--', '-t', 'splunk'], undefined],
    [[], undefined],
  ];
  it.each(cases)('%j -> %s', (argv, expected) => {
    expect(cacheProfile(argv)).toBe(expected);
  });

  it("names a target's cache beside the whole one", () => {
    expect(codeCacheFile('splunk')).toBe(codeCacheFile().replace(/\.cache$/, '.splunk.cache'));
  });
});
