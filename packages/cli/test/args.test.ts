import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseArgs, UsageError, type OptionSpec } from '../src/args.js';

const SPEC: OptionSpec[] = [
  { name: 'target', short: 't', type: 'string' },
  { name: 'pipeline', short: 'p', type: 'list' },
  { name: 'format', type: 'list', comma: true },
  { name: 'json', type: 'boolean' },
];

describe('parseArgs', () => {
  const cases: { argv: string[]; strings?: Record<string, string>; lists?: Record<string, string[]>; flags?: string[]; positionals: string[] }[] = [
    { argv: ['-t', 'splunk', 'rules/'], strings: { target: 'splunk' }, positionals: ['rules/'] },
    { argv: ['-tsplunk', 'a.yml'], strings: { target: 'splunk' }, positionals: ['a.yml'] },
    { argv: ['--target=kql', '-'], strings: { target: 'kql' }, positionals: ['-'] },
    { argv: ['-p', 'a', '--pipeline', 'b', 'x'], lists: { pipeline: ['a', 'b'] }, positionals: ['x'] },
    { argv: ['--format', 'md,html', '--format=json'], lists: { format: ['md', 'html', 'json'] }, positionals: [] },
    { argv: ['--json', '--', '--not-an-option', '-t'], flags: ['json'], positionals: ['--not-an-option', '-t'] },
  ];
  test.each(cases)('$argv', ({ argv, strings = {}, lists = {}, flags = [], positionals }) => {
    const r = parseArgs(argv, SPEC);
    expect(Object.fromEntries(r.strings)).toEqual(strings);
    expect(Object.fromEntries(r.lists)).toEqual(lists);
    expect([...r.flags]).toEqual(flags);
    expect(r.positionals).toEqual(positionals);
  });

  const errors: { argv: string[]; message: RegExp }[] = [
    { argv: ['--nope'], message: /unknown option --nope/ },
    { argv: ['-x'], message: /unknown option -x/ },
    { argv: ['-t'], message: /-t needs a value/ },
    { argv: ['-t', 'a', '-t', 'b'], message: /more than once/ },
    { argv: ['--json=yes'], message: /takes no value/ },
  ];
  test.each(errors)('rejects $argv', ({ argv, message }) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPEC)).toThrow(message);
  });
});

test('property: arbitrary argv either parses or throws a UsageError', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom('-t', '--target', '-p', '--json', '--', '-', '--format=a,b', '-tx', '--json=1', '-x'), fc.string())), (argv) => {
      try {
        const r = parseArgs(argv, SPEC);
        expect(r.positionals.length).toBeLessThanOrEqual(argv.length);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
      }
    }),
  );
});
