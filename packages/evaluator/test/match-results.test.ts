import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, type RuleMatch } from '../src/index.js';

/**
 * How `match` builds its answer (rule-set.ts): the list is allocated at the first match (a literal of one, then
 * pushes), and a match's identifiers are marked in a bit mask and copied into an array of their number (a plain
 * list past 31 identifiers). Checked against rules compiled one by one, and against identifiers computed directly.
 */
const rule = (i: number, detection: string, conditions: readonly string[]): string => `title: R${i}
id: 00000000-0000-4000-8000-${String(i).padStart(12, '0')}
logsource: { product: windows, category: process_creation }
detection:
${detection}
  condition:
${conditions.map((c) => `    - '${c}'`).join('\n')}
`;

describe('match results', () => {
  it('a set gives the matches of its rules taken one by one, in rule order, several per event and rule', () => {
    const detection = `  a: { F: 'x' }
  b: { G|contains: 'y' }
  c: { F|endswith: 'z' }`;
    const condition = fc.constantFrom('a', 'b', 'c', 'a or b', 'b and not c', '1 of them', 'all of them', 'not a');
    const event = fc.record({
      F: fc.option(fc.constantFrom('x', 'xz', 'z'), { nil: undefined }),
      G: fc.option(fc.constantFrom('y', 'w', 'yw'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(condition, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(event, { minLength: 1, maxLength: 10 }),
        (conditions, raw) => {
          const texts = conditions.map((cs, i) => rule(i, detection, cs));
          const set = compileRuleSet(loadCollection(texts.map((text, i) => ({ text, file: `r${i}.yml` }))));
          const alone = texts.map((text, i) => compileRuleSet(loadCollection([{ text, file: `r${i}.yml` }]), { mode: 'full-scan' }));
          for (const e of raw) {
            const ev = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
            const expected: RuleMatch[] = alone.flatMap((s) => s.match(ev));
            expect(set.match(ev)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // Past the 31 identifiers a bit mask holds they are listed from a plain list; up to 31, from the mask.
  it.each([
    [40, 1],
    [31, 2],
  ])('%i identifiers: the true ones are all listed, in detection order, whatever their positions', (n, id) => {
    const detection = Array.from({ length: n }, (_, k) => `  sel${k}: { F${k}: 'x' }`).join('\n');
    const set = compileRuleSet(loadCollection([{ text: rule(id, detection, ['1 of sel*']), file: 'r.yml' }]));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }), (on) => {
        const ev = Object.fromEntries(on.map((k) => [`F${k}`, 'x']));
        expect(set.match(ev)[0]?.identifiers).toEqual([...on].sort((a, b) => a - b).map((k) => `sel${k}`));
      }),
      { numRuns: 300 },
    );
  });
});
