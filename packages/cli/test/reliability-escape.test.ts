// Issue 12: no escape through placeholder names, no output over an input.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { tempDir } from './temp-dir.js';

const RULE = (value: string, title = 'Placeholder escape'): string => `title: ${title}
id: 11111111-1111-4111-8111-111111111111
status: test
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        CommandLine|expand: ${JSON.stringify(value)}
    condition: selection
level: low
`;

const PLAIN = `title: Plain
id: 22222222-2222-4222-8222-222222222222
status: test
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\tool.exe'
    condition: selection
level: low
`;

function workdir(files: Record<string, string>): string {
  const dir = tempDir('sigmats-rel-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const KQL_PIPE = `transformations:\n  - type: query_expression_placeholders\n    expression: "{field} in~ ((_GetWatchlist('{id}') | project SearchKey))"\n`;
const SPL_PIPE = `transformations:\n  - type: query_expression_placeholders\n    expression: "[| inputlookup {id} | fields {field}]"\n`;
const SUMO_PIPE = `transformations:\n  - type: query_expression_placeholders\n    expression: "{field} in (\\"{id}\\")"\n`;

// Placeholder names the rule controls: each tries to close the template's quoting and add a clause of its own.
const HOSTILE: readonly { target: string; pipe: string; name: string; leak: RegExp }[] = [
  { target: 'kql', pipe: KQL_PIPE, name: "x') | project SearchKey)) or true or FolderPath in~ ((_GetWatchlist('y", leak: /or true/ },
  { target: 'splunk', pipe: SPL_PIPE, name: 'x | fields CommandLine] OR [search index=main | head 1', leak: /head 1/ },
  { target: 'sumo', pipe: SUMO_PIPE, name: 'x") or true or a in ("y', leak: /or true/ },
  { target: 'sumo-cse', pipe: SUMO_PIPE, name: 'x") or true or a in ("y', leak: /or true/ },
];

describe('placeholder names cannot inject query text', () => {
  test.each(HOSTILE)('$target: a hostile placeholder name is a located error, nothing is emitted', async ({ target, pipe, name, leak }) => {
    const dir = workdir({ 'p.yml': pipe, 'r.yml': RULE(`%${name}%`) });
    const io = memoryIo({ cwd: dir });
    const code = await run(['convert', '-t', target, '-p', 'p.yml', 'r.yml'], io);
    expect(code, io.out() + io.err()).toBe(1);
    expect(io.out()).not.toMatch(leak);
    expect(io.err()).toMatch(/^r\.yml:9:\d+: error pipeline\/placeholder-unsafe: /m);
  });

  test.each(HOSTILE)('$target: a safe placeholder name still converts', async ({ target, pipe }) => {
    const dir = workdir({ 'p.yml': pipe, 'r.yml': RULE('%watch_list-1.v2%') });
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', target, '-p', 'p.yml', 'r.yml'], io)).toBe(0);
    expect(io.out()).toContain('watch_list-1.v2');
  });

  test('a hostile id from the pipeline mapping is refused too', async () => {
    const pipe = `${KQL_PIPE}    mapping:\n      wl: "a') or true or (('"\n`;
    const dir = workdir({ 'p.yml': pipe, 'r.yml': RULE('%wl%') });
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'kql', '-p', 'p.yml', 'r.yml'], io)).toBe(1);
    expect(io.out()).not.toContain('or true');
    expect(io.err()).toContain('pipeline/placeholder-unsafe');
  });
});

describe('outputs never overwrite inputs', () => {
  const CASES: readonly { name: string; files: Record<string, string>; argv: string[]; kept: string[] }[] = [
    { name: 'convert -o DIR/ DIR/', files: { 'rules/a.yaml': PLAIN }, argv: ['convert', '-t', 'kql', '-f', 'sentinel', '-o', 'rules/', 'rules/'], kept: ['rules/a.yaml'] },
    { name: 'convert -o DIR DIR (no slash)', files: { 'rules/a.yml': PLAIN }, argv: ['convert', '-t', 'kql', '-f', 'sentinel', '-o', 'rules', 'rules'], kept: ['rules/a.yml'] },
    { name: 'convert -o DIR/sub/ DIR/ (YAML output inside an input folder)', files: { 'rules/a.yml': PLAIN }, argv: ['convert', '-t', 'kql', '-f', 'sentinel', '-o', 'rules/out/', 'rules/'], kept: ['rules/a.yml'] },
    { name: 'convert -o DIR/ "DIR/*.yaml" (glob)', files: { 'rules/a.yaml': PLAIN }, argv: ['convert', '-t', 'kql', '-f', 'sentinel', '-o', 'rules/', 'rules/*.yaml'], kept: ['rules/a.yaml'] },
    { name: 'convert -o r.yml r.yml', files: { 'r.yml': PLAIN }, argv: ['convert', '-t', 'splunk', '-o', 'r.yml', 'r.yml'], kept: ['r.yml'] },
    { name: 'convert -o ./r.yml r.yml (same file, other spelling)', files: { 'r.yml': PLAIN }, argv: ['convert', '-t', 'splunk', '-o', './r.yml', 'r.yml'], kept: ['r.yml'] },
    { name: 'convert -o new.yaml "*.yaml" (a new file the glob would read)', files: { 'a.yaml': PLAIN }, argv: ['convert', '-t', 'splunk', '-o', 'new.yaml', '*.yaml'], kept: ['a.yaml'] },
    { name: 'convert -o DIR/ "**/*.yaml" (recursive glob)', files: { 'rules/x/a.yaml': PLAIN }, argv: ['convert', '-t', 'kql', '-f', 'sentinel', '-o', 'rules/y/', '**/*.yaml'], kept: ['rules/x/a.yaml'] },
    { name: 'test --junit DIR/r.yml DIR/', files: { 'rules/a.yml': PLAIN }, argv: ['test', '--junit', 'rules/out.yml', 'rules/'], kept: ['rules/a.yml'] },
    { name: 'check --junit r.yml r.yml', files: { 'r.yml': PLAIN }, argv: ['check', '--junit', 'r.yml', 'r.yml'], kept: ['r.yml'] },
    { name: 'check --junit DIR/x.yml DIR/ (would be read next time)', files: { 'rules/a.yml': PLAIN }, argv: ['check', '--junit', 'rules/x.yml', 'rules/'], kept: ['rules/a.yml'] },
  ];
  test.each(CASES)('$name is a usage error and leaves the input as it was', async ({ files, argv, kept }) => {
    const dir = workdir(files);
    const before = readdirSync(dir, { recursive: true }).map(String).sort();
    const io = memoryIo({ cwd: dir });
    expect(await run(argv, io)).toBe(2);
    expect(io.err()).toMatch(/output .* (is|would be read as) an input/);
    for (const f of kept) expect(readFileSync(join(dir, f), 'utf8')).toBe(files[f]);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(before);
  });

  test('an output outside the inputs is still written', async () => {
    const dir = workdir({ 'rules/a.yml': PLAIN });
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'splunk', '-o', 'out/', 'rules/'], io)).toBe(0);
    expect(readFileSync(join(dir, 'out/a.spl'), 'utf8')).toContain('tool.exe');
    const j = memoryIo({ cwd: dir });
    expect(await run(['check', '--junit', 'report.xml', 'rules/'], j)).toBe(0);
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toContain('<testsuites');
    // Outputs inside the folder that the inputs would not read back (not *.yml/*.yaml) are allowed.
    const k = memoryIo({ cwd: dir });
    expect(await run(['check', '--junit', 'rules/report.xml', 'rules/'], k)).toBe(0);
    const s = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'splunk', '-o', 'rules/out/', 'rules/'], s)).toBe(0);
    expect(readFileSync(join(dir, 'rules/out/a.spl'), 'utf8')).toContain('tool.exe');
  });
});
