import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../src/index.js';
import { buildYamlTrees } from '../src/yaml/build-tree.js';
import { fastYamlTree } from '../src/yaml/fast-tree.js';
import { HAVE_SIGMAHQ, NEEDS_SIGMAHQ, SIGMAHQ } from './shared-data.js';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** The fast path, when it accepts a text, must build exactly what the js-yaml event path builds, with no diagnostic. */
function agree(text: string): boolean {
  const fast = fastYamlTree(text, { maxDepth: 64 });
  // The same with the line starts a LineIndex gives it (how buildYamlTrees calls it).
  expect(fastYamlTree(text, { maxDepth: 64 }, new LineIndex(text, 'f').lineStarts), text).toEqual(fast);
  if (!fast) return false;
  const slow = buildYamlTrees(new LineIndex(text, 'f'), { fast: false });
  expect(slow.diagnostics, text).toEqual([]);
  expect([fast], text).toEqual(slow.documents);
  return true;
}

const SAMPLES = [
  'a: b\n',
  'title: x # comment\n# full comment\nlist:\n    - a\n    - "b"\n    - \'c\'\'d\'\nmap:\n    k: v\n',
  'a:\n- x\n- y\nb: 1\n',
  'a:\n  - k: v\n    k2: v2\n  - k: w\n',
  'd: |\n    line 1\n\n    line 2\ne: |-\n    strip\nf: 2\n',
  'd: |\n    trailing space \ne: 1\n',
  'a: [x, "y", 3]\nb: []\nc: [ a , b ]\n',
  "'|all': x\n\"q\": \"a\\\\b\"\n",
  'a:\nb: ~\nc: null\n',
  'n: 42\nf: -1.5\nt: true\ns: 0x1F\n',
  'nested:\n    deeper:\n        deepest:\n            - 1\n',
];

describe('YAML fast path', () => {
  it.each(SAMPLES)('agrees with js-yaml: %j', (text) => {
    expect(agree(text)).toBe(true);
  });

  it.each([
    'a: &x 1\nb: *x\n',
    'a: >\n  folded\n',
    'a: b\n  c\n',
    'a: {b: 1}\n',
    'a: 1\na: 2\n',
    '__proto__: 1\n',
    'a:\tb\n',
    'a: b\r\n',
    'a: 1\n---\nb: 2\n',
    'a: yes\n',
    'a: !!str 1\n',
    '- a\n-\n',
    'a: "multi\n  line"\n',
    '? title: x\n',
    'a: b\u0000c\n',
    'a: b\u0007\n',
    "a: 'x\ud800'\n",
    'a: b # \u0001\n',
    'a: [? 2]\n',
    'a: [-1]\n',
    'a: 1\n\uFEFF%b: 2\n',
    'a: b\uFEFFc\n',
  ])('hands %j to the general path', (text) => {
    expect(fastYamlTree(text, { maxDepth: 64 })).toBeUndefined();
  });

  it.skipIf(!HAVE_SIGMAHQ)(`agrees with js-yaml on the SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
    const files = readdirSync(SIGMAHQ).filter((d) => d.startsWith('rules')).flatMap((d) => walk(join(SIGMAHQ, d)));
    let accepted = 0;
    for (const f of files) if (agree(readFileSync(f, 'utf8'))) accepted++;
    console.log(`fast YAML path: ${accepted} of ${files.length} corpus files (${((100 * accepted) / files.length).toFixed(1)}%), identical trees`);
    expect(accepted / files.length).toBeGreaterThan(0.9);
  });

  it('agrees with js-yaml on fuzzed rule texts', () => {
    const base = readFileSync(join(import.meta.dirname, 'fixtures', 'fast-path-base.yml'), 'utf8');
    const piece = fc.constantFrom(' ', '  ', '\n', '- ', ': ', ':', '#', ' #', "'", '"', "''", '|', '|-', '[', ']', ', ', 'x', '1', 'null', '\\', '    ', '\n    ', '\n- ', 'key: ', '- k: v\n', '?', '? ', '*', '&a ', '*a', '!', '%', '@', '`', '{', '}', '~', '>', '-', '---\n', '...', ':x', 'é', '"\\t"', '0x1', 'yes', '\u0085', '\u2028', '\uFEFF', '\u0000', '\u0007', '\ud83d', '\t', '\r\n');
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 6 }), ins: fc.array(piece, { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }), (muts) => {
        let t = base;
        for (const m of muts) {
          const p = m.at % (t.length + 1);
          t = t.slice(0, p) + m.ins.join('') + t.slice(p + m.del);
        }
        if (agree(t)) accepted++;
      }),
      { numRuns: 3000 },
    );
    console.log(`fast YAML path fuzz: ${accepted} of 3000 mutated texts accepted (and identical)`);
    expect(accepted).toBeGreaterThan(100);
  });

  it('agrees with js-yaml on texts with fuzzed indentation and line order', () => {
    const base = readFileSync(join(import.meta.dirname, 'fixtures', 'fast-path-base.yml'), 'utf8');
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ line: fc.nat(), op: fc.constantFrom('indent', 'dedent', 'dup', 'delete', 'blank', 'comment'), n: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 4 }),
        (muts) => {
          const lines = base.split('\n');
          for (const m of muts) {
            const i = m.line % lines.length;
            const l = lines[i] ?? '';
            if (m.op === 'indent') lines[i] = ' '.repeat(m.n) + l;
            else if (m.op === 'dedent') lines[i] = l.replace(new RegExp(`^ {0,${m.n}}`), '');
            else if (m.op === 'dup') lines.splice(i, 0, l);
            else if (m.op === 'delete') lines.splice(i, 1);
            else if (m.op === 'blank') lines.splice(i, 0, ' '.repeat(m.n));
            else lines.splice(i, 0, ' '.repeat(m.n) + '# c');
          }
          if (agree(lines.join('\n'))) accepted++;
        },
      ),
      { numRuns: 3000 },
    );
    console.log(`fast YAML path line fuzz: ${accepted} of 3000 accepted (and identical)`);
    expect(accepted).toBeGreaterThan(100);
  });
});
