import { describe, expect, it } from 'vitest';
import { cacheProfile, codeCacheFile, SMALL_RUN_INPUTS, smallRun } from '../src/launch/bundle.js';

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

// Whether a start sets the batch commands' V8 flags after loading a profile's cache (bin.ts): not for a small run.
describe('smallRun', () => {
  const folders = new Set(['rules', 'rules/', 'out']);
  const isFolder = (p: string): boolean => folders.has(p);
  const cases: [string[], boolean][] = [
    [['convert', '-t', 'splunk', 'rule.yml'], true],
    [['check', 'a.yml', 'b.yaml'], true],
    [['convert', '-t', 'kql', '-'], true],
    [['convert', '-t', 'kql', '--', '-t'], true],
    // A folder, a glob, or an option's value that is a folder: large.
    [['convert', '-t', 'splunk', 'rules/'], false],
    [['check', 'rules'], false],
    [['convert', '-t', 'splunk', 'rules/**/*.yml'], false],
    [['convert', '-t', 'splunk', 'r?.yml'], false],
    [['convert', '-t', 'splunk', '-o', 'out', 'rule.yml'], false],
    [['convert', '-t', 'splunk', '--', 'rules'], false],
    // More arguments than a small run names.
    [['check', ...Array.from({ length: SMALL_RUN_INPUTS }, (_, i) => `r${i}.yml`)], true],
    [['check', ...Array.from({ length: SMALL_RUN_INPUTS + 1 }, (_, i) => `r${i}.yml`)], false],
  ];
  it.each(cases)('%j -> %s', (argv, expected) => {
    expect(smallRun(argv, isFolder)).toBe(expected);
  });
});
