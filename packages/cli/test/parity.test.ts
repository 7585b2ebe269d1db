// Issue 15 from source: validators in check, SARIF, analyze, convert for corpora, option hints, glob skipping.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseSigma, type ConvertedRule, type Diagnostic, type SigmaRule } from '@sigmats/core';
import { memoryIo, run } from '../src/index.js';
import { artifactUri, renderSarif, sarifLevel } from '../src/sarif.js';
import { CodeTally, filePatternRegExp, ruleComment, unsupportedOnly, withRuleComments } from '../src/convert-extras.js';
import { optionHint } from '../src/option-hint.js';
import { attackLayer, logsourceCounts } from '../src/commands/analyze.js';
import { discover } from '../src/files.js';
import { tempDir } from './temp-dir.js';

const uuid = (id: string): string => `00000000-0000-4000-8000-${id.padStart(12, '0')}`;
const rule = (title: string, id: string, ls = 'category: process_creation\n    product: windows', tags = ''): SigmaRule => {
  const r = parseSigma(`title: ${title}\nid: ${uuid(id)}\nlogsource:\n    ${ls}\ndetection:\n    sel:\n        Image|endswith: x.exe\n    condition: sel\n${tags}`, `${title}.yml`);
  return r.documents[0] as SigmaRule;
};
const diag = (code: string, severity: 'error' | 'warning', rule?: string, file = 'a.yml', line = 3): Diagnostic => ({ code: code as Diagnostic['code'], severity, message: 'm', file, line, column: 5, ...(rule ? { rule } : {}) });

describe('SARIF 2.1.0', () => {
  test('rules, results with regions, levels, uris', () => {
    const sarif = JSON.parse(
      renderSarif({
        version: '1.2.3',
        rules: [{ id: 'validator/attacktag', name: 'attacktag', description: 'Invalid MITRE ATT&CK tagging', level: 'warning' }],
        diagnostics: [diag('validator/attacktag', 'warning', 'r1', 'rules/a b.yml'), { ...diag('yaml/syntax', 'error', undefined, 'rules/x.yml', 0), column: 0 }],
        levelOf: (d) => (d.severity === 'error' ? 'error' : 'warning'),
      }),
    );
    expect(sarif.version).toBe('2.1.0');
    const r = sarif.runs[0];
    expect(r.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['validator/attacktag', 'yaml/syntax']);
    expect(r.results[0]).toMatchObject({ ruleId: 'validator/attacktag', ruleIndex: 0, level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'rules/a%20b.yml' }, region: { startLine: 3, startColumn: 5 } } }], properties: { sigmaRule: 'r1' } });
    // A file-level problem has no region (SARIF regions start at line 1).
    expect(r.results[1].locations[0].physicalLocation.region).toBeUndefined();
    expect(r.results[1].ruleIndex).toBe(1);
  });
  test.each([
    [{ level: 'high', severity: 'warning' }, 'error'],
    [{ level: 'medium', severity: 'warning' }, 'warning'],
    [{ level: 'low', severity: 'warning' }, 'note'],
    [{ level: 'low', severity: 'error' }, 'error'],
  ] as const)('level %j → %s', (v, expected) => expect(sarifLevel(v)).toBe(expected));
  test('artifact uris', () => expect([artifactUri('./r/x.yml'), artifactUri('C:\\r\\x#1.yml')]).toEqual(['r/x.yml', 'C:/r/x%231.yml']));
});

describe('convert extras', () => {
  const converted = (title: string, id: string, output: string): ConvertedRule => ({ document: rule(title, id), key: id, queries: [output], output, dataSources: [] });
  test.each([
    ['splunk', `\`\`\`My Rule (${uuid('0')})\`\`\``],
    ['kql', `// My Rule (${uuid('0')})`],
    ['sumo', `// My Rule (${uuid('0')})`],
    ['sumo-cse', undefined],
  ])('%s comment', (target, expected) => expect(ruleComment(target, converted('My Rule', '0', 'q'))).toBe(expected));
  test('comments precede each query, blank lines between', () => {
    expect(withRuleComments('kql', [converted('A', '1', 'T | where a'), converted('B', '2', 'T | where b')])).toBe(`// A (${uuid('1')})\nT | where a\n\n// B (${uuid('2')})\nT | where b`);
    expect(withRuleComments('sumo-cse', [converted('A', '1', 'x')])).toBeUndefined();
  });
  test('unsupportedOnly: a unit with any other error is not skipped', () => {
    const s = unsupportedOnly([
      diag('backend/unsupported-feature', 'error', 'r1'),
      diag('backend/unsupported-value', 'error', 'r1'),
      diag('backend/unsupported-correlation', 'error', 'r2'),
      diag('condition/syntax', 'error', 'r2'),
      diag('backend/unsupported-feature', 'warning', 'r3'),
      diag('backend/unmapped-field', 'error', 'r4'),
    ]);
    expect([...s]).toEqual(['r1']);
  });
  test('summary by code', () => {
    const tally = new CodeTally();
    for (const d of [diag('a/x', 'error'), diag('a/x', 'warning'), diag('b/y', 'warning'), diag('a/x', 'error')]) tally.add(d);
    const text = tally.summary(2, 'run with --verbose');
    expect(text).toBe('4 diagnostics (first 2 shown above), by code:\n  a/x  2 errors, 1 warning\n  b/y  1 warning\nrun with --verbose\n');
  });
  test.each([
    [['*.yml'], ['r/a.yml', 'a.yml'], ['r/a.yaml', 'r/yml']],
    [['*.sigma.yml', '*.sigma.yaml'], ['x/a.sigma.yml', 'b.sigma.yaml'], ['x/a.yml']],
    [['rules/**/*.yml'], ['rules/x/a.yml'], ['other/rules/a.yml']],
  ])('--file-pattern %j', (patterns, yes, no) => {
    const re = filePatternRegExp(patterns);
    for (const p of yes) expect(re.test(p), p).toBe(true);
    for (const p of no) expect(re.test(p), p).toBe(false);
  });
});

describe('option hints', () => {
  const specs = [{ name: 'target', short: 't', type: 'string' }, { name: 'json', type: 'boolean' }, { name: 'skip-unsupported', type: 'boolean' }] as const;
  test.each([
    ['--targt', ' (did you mean --target?)'],
    ['--jsn', ' (did you mean --json?)'],
    ['-json', ' (did you mean --json?)'],
    ['--skip-unsuported', ' (did you mean --skip-unsupported?)'],
    ['--zzzzzz', ''],
  ])('%s', (written, hint) => expect(optionHint(written, specs)).toBe(hint));
  test('the CLI prints the hint', async () => {
    const io = memoryIo();
    expect(await run(['convert', '-t', 'splunk', '--jsno', 'x.yml'], io)).toBe(2);
    expect(io.err()).toBe("sigmats convert: error: unknown option --jsno (did you mean --json?)\nRun 'sigmats convert --help' for usage.\n");
  });
});

describe('analyze', () => {
  test('logsource counts, most frequent first', () => {
    const rules = [rule('a', '1'), rule('b', '2'), rule('c', '3', 'product: linux\n    service: auditd')];
    expect(logsourceCounts(rules)).toEqual([
      { product: 'windows', category: 'process_creation', service: null, rules: 2 },
      { product: 'linux', category: null, service: 'auditd', rules: 1 },
    ]);
  });
  test('attack layer: techniques scored by rule count (the site code path)', () => {
    const tags = (t: string) => `tags:\n    - attack.execution\n    - ${t}\n`;
    const layer = attackLayer([rule('a', '1', undefined, tags('attack.t1059.001')), rule('b', '2', undefined, tags('attack.t1059.001')), rule('c', '3')], 'L') as { name: string; techniques: { techniqueID: string; score: number }[]; domain: string };
    expect(layer.name).toBe('L');
    expect(layer.domain).toBe('enterprise-attack');
    expect(layer.techniques.find((t) => t.techniqueID === 'T1059.001')?.score).toBe(2);
  });
});

describe('discovery skips non-rule files in globs', () => {
  test('rules/** and rules* folders: README.md and fixtures/*.json are not inputs', () => {
    const dir = tempDir('sigmats-parity-');
    mkdirSync(join(dir, 'rules', 'x', 'fixtures'), { recursive: true });
    writeFileSync(join(dir, 'rules', 'README.md'), '# rules\n');
    writeFileSync(join(dir, 'rules', 'x', 'a.yml'), 'title: a\n');
    writeFileSync(join(dir, 'rules', 'x', 'fixtures', 'e.json'), '{}');
    expect(discover(['rules/**'], dir).files).toEqual(['rules/x/a.yml']);
    expect(discover(['rule*'], dir).files).toEqual(['rules/x/a.yml']);
    expect(discover(['rules/*.md'], dir)).toEqual({ files: [], missing: ['rules/*.md'] });
    // A file named on its own is read whatever its extension.
    expect(discover(['rules/README.md'], dir).files).toEqual(['rules/README.md']);
  });
});

describe('check with validators (from source)', () => {
  const dir = tempDir('sigmats-check-');
  writeFileSync(
    join(dir, 'bad_rule_for_check.yml'),
    "title: Bad\nlogsource:\n    category: process_creation\n    product: windows\ndetection:\n    selection:\n        CommandLine: '*mimikatz*'\n    condition: all of them\ntags:\n    - attack.t9999\n",
  );
  test('each issue-15 case is reported, validator codes, exit 0 (warnings)', async () => {
    const io = memoryIo({ cwd: dir });
    expect(await run(['check', 'bad_rule_for_check.yml'], io)).toBe(0);
    const codes = io.err().split('\n').filter((l) => l.includes('validator/')).map((l) => l.replace(/^.*?: warning (\S+):.*$/, '$1'));
    expect(codes).toEqual(['validator/identifier_existence', 'validator/wildcards_instead_of_modifiers', 'validator/all_of_them_condition', 'validator/them_condition_with_single_detection', 'validator/attacktag']);
  });
  test('--exclude and --no-validators', async () => {
    const io = memoryIo({ cwd: dir });
    await run(['check', '--exclude', 'attacktag,identifier_existence', 'bad_rule_for_check.yml'], io);
    expect(io.err()).not.toMatch(/attacktag|identifier_existence/);
    const none = memoryIo({ cwd: dir });
    await run(['check', '--no-validators', 'bad_rule_for_check.yml'], none);
    expect(none.err()).toBe('checked 1 file, 1 document: 0 errors, 0 warnings\n');
  });
  test('--exclude of an unknown name is a usage error with a hint', async () => {
    const io = memoryIo({ cwd: dir });
    expect(await run(['check', '--exclude', 'atacktag', 'bad_rule_for_check.yml'], io)).toBe(2);
    expect(io.err()).toContain("--exclude: unknown validator 'atacktag' (did you mean 'attacktag'?)");
  });
  test('--sarif writes SARIF with the validators as rules', async () => {
    const io = memoryIo({ cwd: dir });
    await run(['check', '--sarif', 'out/check.sarif', 'bad_rule_for_check.yml'], io);
    const sarif = JSON.parse(readFileSync(join(dir, 'out', 'check.sarif'), 'utf8'));
    expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThan(40);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('validator/attacktag');
  });
});
