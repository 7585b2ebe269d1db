import { loadCollection } from '@sigmats/core';
import type { ConditionNode, Diagnostic, SigmaRule } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileExpr, compileRuleSet } from '../src/index.js';
import { loc, m } from './ir.js';

function set(yaml: string) {
  const collection = loadCollection([{ text: yaml, file: 'rule.yml' }]);
  const errors = collection.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.message)).toEqual([]);
  return compileRuleSet(collection);
}

const rule = (detection: string, extra = '') => `title: T
id: 9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d
logsource: { product: windows, category: process_creation }
${extra}detection:
${detection}
`;

describe('compiled rule sets (parsed rules, lowered by lowerRule)', () => {
  it('reports the condition index and the true search identifiers', () => {
    const s = set(
      rule(`  sel_a: { Image|endswith: '\\a.exe' }
  sel_b: { CommandLine|contains: 'x' }
  filter: { User: 'SYSTEM' }
  condition:
    - sel_a and not filter
    - sel_b`),
    );
    expect(s.match({ Image: 'C:\\a.exe', CommandLine: 'x', User: 'bob' })).toEqual([
      { rule: '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d', title: 'T', condition: 0, identifiers: ['sel_a', 'sel_b'] },
      { rule: '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d', title: 'T', condition: 1, identifiers: ['sel_a', 'sel_b'] },
    ]);
    expect(s.match({ Image: 'C:\\a.exe', User: 'system' }).map((x) => x.condition)).toEqual([]);
  });

  it('windash expansions (lowered to OR) match every dash form', () => {
    const s = set(rule(`  sel: { CommandLine|windash|contains: ' -enc ' }\n  condition: sel`));
    for (const dash of ['-', '/', '–', '—', '―']) expect(s.match({ CommandLine: `powershell ${dash}enc AAAA` })).toHaveLength(1);
    expect(s.match({ CommandLine: 'powershell +enc AAAA' })).toHaveLength(0);
  });

  it('base64offset|contains matches the text at any alignment', () => {
    const s = set(rule(`  sel: { CommandLine|base64offset|contains: 'http://' }\n  condition: sel`));
    for (const prefix of ['', 'a', 'ab']) {
      const b64 = Buffer.from(`${prefix}http://evil`).toString('base64');
      expect(s.match({ CommandLine: `powershell -enc ${b64}` })).toHaveLength(1);
    }
  });

  it('|all, |neq, |exists and keywords', () => {
    const s = set(
      rule(`  sel: { CommandLine|contains|all: ['a', 'b'], User|neq: 'root', Hashes|exists: false }
  kw: ['mimikatz']
  condition: sel or kw`),
    );
    expect(s.match({ CommandLine: 'ab' })).toHaveLength(1);
    expect(s.match({ CommandLine: 'ab', User: 'ROOT' })).toHaveLength(0);
    expect(s.match({ CommandLine: 'a' })).toHaveLength(0);
    expect(s.match({ CommandLine: 'ab', Hashes: null })).toHaveLength(0);
    expect(s.match({ deep: { note: 'run MimiKatz' } }).map((x) => x.identifiers)).toEqual([['kw']]);
  });

  it('an unsupported regex leaves the condition out with a located diagnostic; other rules still run', () => {
    const text = `${rule(`  sel: { CommandLine|re: '(a)\\1' }\n  condition: sel`)}---
${rule(`  sel: { Image: 'x' }\n  condition: sel`).replace('9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d', '1a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d')}`;
    const collection = loadCollection([{ text, file: 'rule.yml' }]);
    const s = compileRuleSet(collection);
    expect(s.diagnostics.map((d) => [d.code, d.file, d.line, d.rule])).toEqual([
      ['eval/unsupported-regex', 'rule.yml', 5, '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d'],
    ]);
    expect(s.conditionCount).toBe(1);
    expect(s.match({ Image: 'x', CommandLine: 'aa' }).map((x) => x.rule)).toEqual(['1a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d']);
  });

  it('query-expression values cannot be evaluated: diagnostic, condition left out', () => {
    const diagnostics: Diagnostic[] = [];
    const value = { kind: 'query-expression' as const, expression: '{field} in (lookup)', id: 'x', loc };
    expect(() => compileExpr(m('F', value), { rule: 'r', diagnostics })).toThrow();
    expect(diagnostics.map((d) => d.code)).toEqual(['eval/unsupported-value']);
  });

  it('matchStream without correlations reports rule matches with event indexes', () => {
    const s = set(rule(`  sel: { Image: 'x' }\n  condition: sel`));
    expect(s.matchStream([{ Image: 'y' }, { Image: 'X' }]).map((x) => [x.kind, x.event])).toEqual([['rule', 1]]);
  });
});

describe('hostile rules', () => {
  it('an absurdly deep condition is refused with a diagnostic, not a stack overflow while matching', () => {
    const base = loadCollection([{ text: rule(`  sel: { Image: 'x' }\n  condition: sel`), file: 'deep.yml' }]);
    const parsed = base.rules[0]!;
    // and(sel, or(sel, and(sel, ...))) 5,000 levels deep: simplification cannot flatten alternating kinds.
    let root: ConditionNode = { kind: 'identifier', name: 'sel', loc };
    for (let i = 0; i < 5_000; i++) {
      root = { kind: i % 2 === 0 ? 'and' : 'or', operands: [{ kind: 'identifier', name: 'sel', loc }, root], loc };
    }
    const deep: SigmaRule = { ...parsed, conditions: [{ kind: 'condition', text: '…', root, loc }] };
    const s = compileRuleSet({ ...base, rules: [deep] });
    expect(s.diagnostics.map((d) => d.code)).toEqual(['internal/error']);
    expect(s.conditionCount).toBe(0);
    expect(s.match({ Image: 'x' })).toEqual([]);
  });
});
