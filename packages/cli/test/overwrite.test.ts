// The overwrite guard's real paths: resolved with remembered folders (a plan of many outputs) they must be what a
// fresh resolution gives, symlinks, dangling links, link loops and absent paths included; and a symlink that leads
// an output onto an input is refused under -o DIR as under -o FILE.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { canonical } from '../src/overwrite.js';
import { tempDir } from './temp-dir.js';

// A rule of the project's own rules/ (converts to every target), copied into each temporary tree.
const RULE = readFileSync(new URL('../../../rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml', import.meta.url), 'utf8');

function tree(): string {
  const root = tempDir('sigmats-overwrite-');
  mkdirSync(join(root, 'real', 'sub'), { recursive: true });
  writeFileSync(join(root, 'real', 'f.yml'), RULE);
  symlinkSync(join(root, 'real'), join(root, 'linkdir'));
  symlinkSync(join(root, 'real', 'f.yml'), join(root, 'linkfile'));
  symlinkSync('sub', join(root, 'real', 'relative'));
  symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
  symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
  symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
  return root;
}

describe('canonical with remembered folders', () => {
  const root = tree();
  const paths = [
    'real',
    'real/f.yml',
    'real/sub',
    'real/absent.yml',
    'real/absent/deeper/x.spl',
    'linkdir',
    'linkdir/f.yml',
    'linkdir/sub/new.kql',
    'linkdir/relative/new.yml',
    'real/relative',
    'real/relative/x.yml',
    'linkfile',
    'linkfile/under-a-file.yml',
    'real/f.yml/under-a-file.yml',
    'dangling',
    'dangling/x.yml',
    'loop-a',
    'loop-a/x.yml',
    'absent/a/b/c.yml',
    '.',
    '..',
    'real/../linkdir/./sub/../f.yml',
  ].map((p) => join(root, p));

  test.each(paths)('%s: as a fresh resolution', (p) => {
    expect(canonical(p, new Map())).toBe(canonical(p));
  });

  test('one map over the whole series gives the same real paths, in any order', () => {
    const folders = new Map<string, string>();
    for (const p of [...paths, ...[...paths].reverse()]) expect(canonical(p, folders)).toBe(canonical(p));
  });
});

describe('a symlink that leads an output onto an input', () => {
  function workdir(): string {
    const dir = tempDir('sigmats-overwrite-cli-');
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'a.yml'), RULE);
    return dir;
  }

  test('-o through a linked folder into the input folder is refused', async () => {
    const dir = workdir();
    symlinkSync(join(dir, 'rules'), join(dir, 'out'));
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'kql', '-f', 'sentinel', '-o', 'out/', 'rules/'], io)).toBe(2);
    expect(io.err()).toMatch(/output out\/a\.yaml would be read as an input \(by rules\/\)/);
    expect(readdirSync(join(dir, 'rules'))).toEqual(['a.yml']);
  });

  test('-o DIR where an output file already exists as a link to an input is refused', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'out'));
    symlinkSync(join(dir, 'rules', 'a.yml'), join(dir, 'out', 'a.yaml'));
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'kql', '-f', 'sentinel', '-o', 'out/', 'rules/'], io)).toBe(2);
    expect(io.err()).toMatch(/output out\/a\.yaml would be read as an input \(by rules\/\)/);
    expect(readFileSync(join(dir, 'rules', 'a.yml'), 'utf8')).toBe(RULE);
  });

  test('-o FILE that is a link to the input file is refused', async () => {
    const dir = workdir();
    symlinkSync(join(dir, 'rules', 'a.yml'), join(dir, 'same.yml'));
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'splunk', '-o', 'same.yml', 'rules/a.yml'], io)).toBe(2);
    expect(io.err()).toMatch(/output same\.yml is an input \(rules\/a\.yml\)/);
    expect(readFileSync(join(dir, 'rules', 'a.yml'), 'utf8')).toBe(RULE);
  });
});
