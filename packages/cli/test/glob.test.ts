import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { discover } from '../src/files.js';
import { globBase, globToRegExp } from '../src/glob.js';
import { tempDir } from './temp-dir.js';

describe('globToRegExp', () => {
  const cases: { glob: string; yes: string[]; no: string[] }[] = [
    { glob: 'rules/*.yml', yes: ['rules/a.yml'], no: ['rules/x/a.yml', 'rules/.a.yml', 'rules/a.yaml'] },
    { glob: 'rules/**/*.yml', yes: ['rules/a.yml', 'rules/x/y/a.yml'], no: ['rules/.git/a.yml', 'other/a.yml'] },
    { glob: 'rules/**', yes: ['rules/a', 'rules/x/y'], no: ['rulesx/a'] },
    { glob: '**/*.{yml,yaml}', yes: ['a.yml', 'x/b.yaml'], no: ['c.json'] },
    { glob: 'r?les/[a-c]*.yml', yes: ['rules/a1.yml', 'roles/c.yml'], no: ['rules/d.yml', 'rles/a.yml'] },
    { glob: 'r/[!a]*.yml', yes: ['r/b.yml'], no: ['r/a.yml'] },
    { glob: 'a+b (1).yml', yes: ['a+b (1).yml'], no: ['aab (1).yml'] },
  ];
  test.each(cases)('$glob', ({ glob, yes, no }) => {
    const re = globToRegExp(glob);
    for (const p of yes) expect(re.test(p), p).toBe(true);
    for (const p of no) expect(re.test(p), p).toBe(false);
  });

  test('property: any pattern compiles; a pattern without glob syntax matches exactly itself', () => {
    fc.assert(
      fc.property(fc.string(), (glob) => {
        const re = globToRegExp(glob);
        if (!/[*?[{\\]/.test(glob)) {
          expect(re.test(glob)).toBe(true);
          expect(re.test(`${glob}x`)).toBe(false);
        }
      }),
    );
  });

  test('globBase', () => {
    expect(globBase('rules/**/*.yml')).toBe('rules');
    expect(globBase('*.yml')).toBe('');
    expect(globBase('/abs/dir/*.yml')).toBe('/abs/dir');
  });
});

describe('discover', () => {
  const dir = tempDir('sigmats-discover-');
  mkdirSync(join(dir, 'r', 'sub', 'fixtures'), { recursive: true });
  mkdirSync(join(dir, 'r', '.hidden'), { recursive: true });
  for (const f of ['r/b.yml', 'r/a.yaml', 'r/sub/c.yml', 'r/sub/fixtures/x.json', 'r/.hidden/h.yml', 'r/notes.txt']) writeFileSync(join(dir, f), '');

  test('folders recurse for *.yml/*.yaml, sorted, skipping dot folders', () => {
    expect(discover(['r'], dir).files).toEqual(['r/a.yaml', 'r/b.yml', 'r/sub/c.yml']);
    expect(discover(['r/'], dir).files).toEqual(['r/a.yaml', 'r/b.yml', 'r/sub/c.yml']);
  });
  // Entry paths are built by appending names to the folder normalised once (files.ts): the same paths join() makes.
  test('a folder named through ./, .., // or an absolute path: entries as join() names them', () => {
    const all = ['r/a.yaml', 'r/b.yml', 'r/sub/c.yml'];
    for (const arg of ['./r', 'r/./sub/..', 'r//', 'r/sub/..', 'r/.']) expect(discover([arg], dir).files).toEqual(all);
    expect(discover(['.'], join(dir, 'r')).files).toEqual(['a.yaml', 'b.yml', 'sub/c.yml']);
    expect(discover(['sub/..'], join(dir, 'r')).files).toEqual(['a.yaml', 'b.yml', 'sub/c.yml']);
    expect(discover(['..'], join(dir, 'r', 'sub')).files).toEqual(['../a.yaml', '../b.yml', '../sub/c.yml']);
    expect(discover(['../../r'], join(dir, 'r', 'sub')).files).toEqual(['../../r/a.yaml', '../../r/b.yml', '../../r/sub/c.yml']);
    expect(discover([`${dir}//r/../r/`], '/').files).toEqual(all.map((f) => `${dir}/${f}`));
  });
  test('files as given, globs, stdin, dedupe, missing', () => {
    const d = discover(['r/notes.txt', 'r/**/*.yml', 'r/b.yml', '-', 'nope/', 'r/*.md'], dir);
    expect(d.files).toEqual(['r/notes.txt', 'r/b.yml', 'r/sub/c.yml', '-']);
    expect(d.missing).toEqual(['nope/', 'r/*.md']);
  });
  // One argument is not deduplicated file by file (files.ts): a walk must give each file once, folders reached
  // twice through symbolic links included; the same list as the argument given twice, which is deduplicated.
  test('one argument gives each file once, as the same argument twice does', () => {
    const linked = tempDir('sigmats-discover-links-');
    mkdirSync(join(linked, 'top', 'sub'), { recursive: true });
    writeFileSync(join(linked, 'top', 'sub', 'x.yml'), '');
    writeFileSync(join(linked, 'top', 'y.yml'), '');
    symlinkSync(join(linked, 'top', 'sub'), join(linked, 'top', 'again'));
    symlinkSync(join(linked, 'top'), join(linked, 'top', 'sub', 'loop'));
    symlinkSync(join(linked, 'top', 'y.yml'), join(linked, 'top', 'z.yml'));
    for (const [arg, cwd] of [['top', linked], ['top/**/*.yml', linked], ['r', dir], ['r/**', dir], ['.', join(dir, 'r')]] as const) {
      const once = discover([arg], cwd).files;
      expect(new Set(once).size).toBe(once.length);
      expect(discover([arg, arg], cwd).files).toEqual(once);
    }
    // A folder reached twice is walked once, under the first name in sorted order; a linked file is its own input.
    expect(discover(['top'], linked).files).toEqual(['top/again/x.yml', 'top/y.yml', 'top/z.yml']);
  });
  // An empty argument once resolved to the working directory and was then walked as `/`, the whole disk.
  test('an empty argument names nothing: missing, not the working directory or the root', () => {
    const d = discover(['', 'r/b.yml'], dir);
    expect(d.files).toEqual(['r/b.yml']);
    expect(d.missing).toEqual(['']);
  });
  test('a glob naming folders takes their rule files', () => {
    expect(discover(['r/s*'], dir).files).toEqual(['r/sub/c.yml']);
    expect(discover(['r*'], dir).files).toEqual(['r/a.yaml', 'r/b.yml', 'r/sub/c.yml']);
  });
  test('globs through ./ and .. segments', () => {
    expect(discover(['./r/*.yml'], dir).files).toEqual(['r/b.yml']);
    expect(discover(['r/sub/../*.yml'], dir).files).toEqual(['r/b.yml']);
    expect(discover([`${dir}/r/sub/../sub/*.yml`], '/').files).toEqual([`${dir}/r/sub/c.yml`]);
  });
});
