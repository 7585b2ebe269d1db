// Issue 12: every target's output passes a gate before it is written; KQL gets a syntax-level gate without the service.
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { validateKql } from '@sigmats/backend-kql/validate';
import { kqlSyntaxProblems } from '../src/kql-gate.js';
import { tempDir } from './temp-dir.js';

const chain = (n: number, op: string): string => `print a="x" | where ${Array.from({ length: n }, (_, i) => `a contains "v${i}"`).join(` ${op} `)}`;

describe('kqlSyntaxProblems', () => {
  const OK = [
    "T | where a == 'x'",
    'T | where a == "it\\"s" and b has @\'C:\\dir\\\'', // escaped quote, verbatim with a backslash at the end
    "T | where a == @'it''s'",
    'T | where a matches regex "\\\\(" // a comment with ) unbalanced (',
    'T | where a in ("(", ")", "[")',
    'T | extend x = ```multi\nline ) ```',
    `T | where ${'('.repeat(100)}a == 1${')'.repeat(100)}`,
    chain(400, 'or'),
    chain(400, 'and'),
    `T | where band(a, 1) == 1 and color == 'or' and origin == "and"`,
  ];
  const BAD: readonly [string, string][] = [
    ["T | where a == 'x", 'kql/unterminated-string'],
    ['T | where a == "x\\"', 'kql/unterminated-string'],
    ["T | where a == @'x''", 'kql/unterminated-string'],
    ["T | where a == 'x\n'", 'kql/unterminated-string'],
    ['T | where (a == 1', 'kql/unbalanced'],
    ['T | where a == 1)', 'kql/unbalanced'],
    ['T | where a in (1]', 'kql/unbalanced'],
    ['T | extend x = ```open', 'kql/unterminated-string'],
    // Kusto.Language 12.4.1 gives KS245 from 493 chained `or`, 123 nested `not(`: the gate refuses before that.
    [chain(493, 'or'), 'kql/too-deep'],
    [`print a="x" | where ${'not('.repeat(123)}a == "1"${')'.repeat(123)}`, 'kql/too-deep'],
  ];
  test.each(OK)('passes: %s', (q) => expect(kqlSyntaxProblems(q)).toEqual([]));
  test.each(BAD)('fails: %s', (q, code) => expect(kqlSyntaxProblems(q)[0]?.code).toBe(code));
});

const RULE = (detection: string, condition: string): string => `title: Gate
id: 33333333-3333-4333-8333-333333333333
status: test
logsource:
    category: process_creation
    product: windows
detection:
${detection}
    condition: ${condition}
level: low
`;

describe('convert -t kql refuses output that fails the gate', () => {
  test('a broken query_expression template: located error, nothing written, exit 1', async () => {
    const dir = tempDir('sigmats-gate-');
    writeFileSync(join(dir, 'p.yml'), `transformations:\n  - type: query_expression_placeholders\n    expression: "{field} in~ ((_GetWatchlist('{id}')"\n`);
    writeFileSync(join(dir, 'r.yml'), RULE('    sel:\n        CommandLine|expand: "%wl%"', 'sel'));
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'kql', '-p', 'p.yml', 'r.yml'], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^r\.yml:1:1: error backend\/invalid-output: emitted kql query fails the output gate .*'\(' is never closed/m);
    const o = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'kql', '-p', 'p.yml', '-o', 'out.kql', 'r.yml'], o)).toBe(1);
    expect(existsSync(join(dir, 'out.kql'))).toBe(false);
    const d = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'kql', '-p', 'p.yml', '-o', 'out/', 'r.yml'], d)).toBe(1);
    expect(existsSync(join(dir, 'out/r.kql'))).toBe(false);
  });

  test('conditions nested past what Kusto analyses are refused with a location (core limits nesting to 64)', async () => {
    const depth = 160;
    const ids = Array.from({ length: depth }, (_, i) => `s${i}`);
    const detection = ids.map((id, i) => `    ${id}:\n        CommandLine|contains: 'x${i}'`).join('\n');
    // s0 and (s1 or (s2 and (s3 or ...))): alternating operators cannot be flattened.
    let cond = ids[depth - 1]!;
    for (let i = depth - 2; i >= 0; i--) cond = `${ids[i]} ${i % 2 === 0 ? 'and' : 'or'} (${cond})`;
    const dir = tempDir('sigmats-deep-');
    writeFileSync(join(dir, 'r.yml'), RULE(detection, cond));
    const io = memoryIo({ cwd: dir });
    const code = await run(['convert', '-t', 'kql', 'r.yml'], io);
    expect(code, io.err()).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^r\.yml:\d+:\d+: error .*(nest|deep)/m);
  });
});

describe('every target gates its output before anything is written', () => {
  // Splunk and Sumo gate inside their backends (lintSpl, validateSumoQuery/validateCseExpression); KQL in the CLI.
  const TEMPLATES: readonly { target: string; expression: string; why: RegExp }[] = [
    { target: 'kql', expression: `{field} in~ ((_GetWatchlist('{id}')`, why: /'\(' is never closed/ },
    { target: 'splunk', expression: '[| inputlookup {id} | fields {field}', why: /unclosed '\['/ },
    { target: 'sumo', expression: '{field} in (\\"{id}\\"', why: /expected '\)'/ },
    { target: 'sumo', expression: '{field} = \\"{id}', why: /unterminated double-quoted string/ },
    { target: 'sumo-cse', expression: '{field} in (\\"{id}\\"', why: /expected '\)'/ },
    { target: 'sumo-cse', expression: '{field} = \\"{id}', why: /unterminated double-quoted string/ },
  ];
  test.each(TEMPLATES)('$target: $expression is a located error, and no file is written', async ({ target, expression, why }) => {
    const dir = tempDir('sigmats-gates-');
    writeFileSync(join(dir, 'p.yml'), `transformations:\n  - type: query_expression_placeholders\n    expression: "${expression}"\n`);
    writeFileSync(join(dir, 'r.yml'), RULE('    sel:\n        CommandLine|expand: "%wl%"', 'sel'));
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', target, '-p', 'p.yml', 'r.yml'], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^r\.yml:1:1: error backend\/invalid-output: /m);
    expect(io.err()).toMatch(why);
    const o = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', target, '-p', 'p.yml', '-o', 'out/', 'r.yml'], o)).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

test('a long value list converts: the KQL backend chunks it under the depth limit, and the gate agrees with Kusto', async () => {
  const values = Array.from({ length: 600 }, (_, i) => `        - 'v${i}x'`).join('\n');
  const dir = tempDir('sigmats-long-');
  writeFileSync(join(dir, 'r.yml'), RULE(`    sel:\n        CommandLine|contains:\n${values}`, 'sel'));
  const io = memoryIo({ cwd: dir });
  expect(await run(['convert', '-t', 'kql', 'r.yml'], io)).toBe(0);
  const query = io.out().trimEnd();
  expect(kqlSyntaxProblems(query)).toEqual([]);
  expect(validateKql(query).filter((p) => p.code === 'KS245')).toEqual([]);
});

test('the depth budget stays under what Kusto.Language refuses (KS245), and is not far below it', () => {
  for (const [q, kusto] of [
    [chain(400, 'or'), false],
    [chain(493, 'or'), true],
    [`print a="x" | where ${'not('.repeat(100)}a == "1"${')'.repeat(100)}`, false],
    [`print a="x" | where ${'not('.repeat(123)}a == "1"${')'.repeat(123)}`, true],
  ] as const) {
    expect(validateKql(q).some((p) => p.code === 'KS245')).toBe(kusto);
    if (kusto) expect(kqlSyntaxProblems(q)[0]?.code).toBe('kql/too-deep');
    else expect(kqlSyntaxProblems(q)).toEqual([]);
  }
});
