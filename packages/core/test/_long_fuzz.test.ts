import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { it } from 'vitest';
import { LineIndex } from '../src/index.js';
import { buildYamlTrees } from '../src/yaml/build-tree.js';
import { fastYamlTree } from '../src/yaml/fast-tree.js';
import { isDeepStrictEqual } from 'node:util';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (/\.ya?ml$/.test(name)) out.push(p); }
  return out;
}
it('long fuzz', () => {
  const files = walk('/work/shared/sigmahq/rules');
  const bases = files.filter((_, i) => i % 40 === 0).map((f) => readFileSync(f, 'utf8'));
  const piece = fc.constantFrom(' ', '  ', '\n', '- ', ': ', ':', '#', ' #', "'", '"', "''", '|', '|-', '|+', '|2', '>', '[', ']', ', ', 'x', '1', 'null', '\\', '    ', '\n    ', '\n- ', 'key: ', '- k: v\n', '?', '? ', '*', '&a ', '*a', '!', '%', '@', '`', '{', '}', '~', '-', '---\n', '...', ':x', 'é', '"\\t"', '0x1', 'yes', '\n\n', '  #c\n', '- - ', ' -1', '-1', '[a]', '{a: 1}', 'a:b', "'a'b", '"a"b', '\\"');
  let accepted = 0, fails = 0;
  fc.assert(fc.property(fc.nat({ max: bases.length - 1 }), fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), ins: fc.array(piece, { maxLength: 3 }) }), { minLength: 1, maxLength: 5 }), (b, muts) => {
    const lines = bases[b]!.split('\n');
    for (const m of muts) {
      const i = m.at % lines.length; const l = lines[i] ?? '';
      const op = m.del % 6;
      if (op === 0) lines[i] = ' '.repeat(1 + (m.at % 5)) + l;
      else if (op === 1) lines[i] = l.replace(/^ {0,3}/, '');
      else if (op === 2) lines.splice(i, 0, l);
      else if (op === 3) lines.splice(i, 1);
      else if (op === 4) lines.splice(i, 0, ' '.repeat(m.at % 9));
      else lines[i] = l + m.ins.join('');
    }
    const t = lines.join('\n');
    const fast = fastYamlTree(t, { maxDepth: 64 });
    if (!fast) return true;
    accepted++;
    const slow = buildYamlTrees(new LineIndex(t, 'f'), { fast: false });
    const ok = slow.diagnostics.length === 0 && isDeepStrictEqual(JSON.parse(JSON.stringify([fast])), JSON.parse(JSON.stringify(slow.documents)));
    if (!ok && fails++ < 3) console.log('DIVERGENCE', JSON.stringify(t), JSON.stringify(slow.diagnostics).slice(0, 300));
    return true;
  }), { numRuns: 150000 });
  console.log('accepted', accepted, 'fails', fails);
}, 600000);
