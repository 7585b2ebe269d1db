import { describe, expect, it } from 'vitest';
import { loadCollection, parseSigma, type ConditionNode } from '../src/index.js';
import { codes, stripLoc } from './helpers.js';

const RULES = `title: Failed logon
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: failed_logon
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
---
title: Other service
name: other
logsource:
    product: windows
    service: system
detection:
    selection:
        EventID: 1
    condition:
        - selection
        - not selection
`;

const FILTER = `title: Filter admins
logsource:
    product: windows
filter:
    rules:
        - failed_logon
    selection:
        User|startswith: adm_
    condition: not selection
`;

function sx(n: ConditionNode): string {
  switch (n.kind) {
    case 'and':
    case 'or':
      return `(${n.kind} ${n.operands.map(sx).join(' ')})`;
    case 'not':
      return `(not ${sx(n.operand)})`;
    case 'identifier':
      return n.name;
    case 'selector':
      return `${n.quantifier}(${n.pattern}: ${n.matches.join(',')})`;
  }
}

describe('filters', () => {
  it('parses a filter document', () => {
    const r = parseSigma(FILTER, 'f.yml');
    expect(r.diagnostics).toEqual([]);
    const f = r.documents[0];
    if (f?.kind !== 'filter') throw new Error('no filter');
    expect(f.rules.length).toBe(1);
    expect(f.detections.map((d) => d.name)).toEqual(['selection']);
    expect(f.condition.text).toBe('not selection');
  });

  it('applies with AND semantics and deterministic prefixes', () => {
    const c = loadCollection([{ text: RULES, file: 'r.yml' }, { text: FILTER, file: 'f.yml' }]);
    expect(c.diagnostics).toEqual([]);
    const [failed, other] = c.rules;
    expect(failed?.detections.map((d) => d.name)).toEqual(['selection', '_filt_0_selection']);
    expect(failed?.conditions.map((x) => x.text)).toEqual(['(selection) and (not _filt_0_selection)']);
    expect(failed?.conditions.map((x) => sx(x.root))).toEqual(['(and selection (not _filt_0_selection))']);
    expect(stripLoc(failed?.detections[1]?.body.items)).toEqual([
      { kind: 'item', field: 'User', modifiers: ['startswith'], values: [{ kind: 'string', parts: [{ kind: 'literal', text: 'adm_' }, { kind: 'wildcard-multi' }], cased: false }], link: 'or', negated: false },
    ]);
    // Not referenced: untouched.
    expect(other?.conditions.map((x) => x.text)).toEqual(['selection', 'not selection']);
    // byRef points to the filtered rule.
    expect(c.byRef.get('failed_logon')).toBe(failed);
  });

  it("'rules: any' applies to every rule whose logsource the filter's contains; each condition is wrapped", () => {
    const filter = `title: F\nlogsource:\n    product: windows\n    service: system\nfilter:\n    rules: any\n    f_1:\n        a: 1\n    f_2:\n        b: 2\n    condition: not 1 of f_* and not all of them\n`;
    const c = loadCollection([{ text: RULES, file: 'r.yml' }, { text: filter, file: 'f.yml' }]);
    expect(c.diagnostics).toEqual([]);
    expect(c.rules[0]?.conditions.map((x) => x.text)).toEqual(['selection']);
    expect(c.rules[1]?.conditions.map((x) => sx(x.root))).toEqual([
      '(and selection (and (not any(_filt_0_f_*: _filt_0_f_1,_filt_0_f_2)) (not all(_filt_0_*: _filt_0_f_1,_filt_0_f_2))))',
      '(and (not selection) (and (not any(_filt_0_f_*: _filt_0_f_1,_filt_0_f_2)) (not all(_filt_0_*: _filt_0_f_1,_filt_0_f_2))))',
    ]);
    expect(c.rules[1]?.conditions[0]?.text).toBe('(selection) and (not 1 of _filt_0_f_* and not all of _filt_0_*)');
  });

  it('the filtered rule still excludes filter identifiers from the rule\'s own "them"', () => {
    const rule = RULES.split('---\n')[0]!.replace('condition: selection', 'condition: all of them');
    const c = loadCollection([{ text: rule, file: 'r.yml' }, { text: FILTER, file: 'f.yml' }]);
    expect(c.rules[0]?.conditions.map((x) => sx(x.root))).toEqual(['(and all(them: selection) (not _filt_0_selection))']);
  });

  it('two filters get different prefixes, in collection order', () => {
    const c = loadCollection([{ text: RULES, file: 'r.yml' }, { text: FILTER, file: 'f1.yml' }, { text: FILTER, file: 'f2.yml' }]);
    expect(c.rules[0]?.detections.map((d) => d.name)).toEqual(['selection', '_filt_0_selection', '_filt_1_selection']);
  });

  it('empty rules list means any; string rules', () => {
    const f = parseSigma(FILTER.replace('    rules:\n        - failed_logon\n', '    rules: []\n'), 'f.yml').documents[0];
    expect(f?.kind === 'filter' && f.rules).toBe('any');
    const g = parseSigma(FILTER.replace('    rules:\n        - failed_logon\n', '    rules: failed_logon\n'), 'f.yml').documents[0];
    expect(g?.kind === 'filter' && stripLoc(g.rules)).toEqual([{ ref: 'failed_logon' }]);
  });

  const errors: { name: string; text: string; expected: string[] }[] = [
    { name: 'missing rules', text: FILTER.replace('    rules:\n        - failed_logon\n', ''), expected: ['filter/invalid@4:1'] },
    { name: 'missing condition', text: FILTER.replace('    condition: not selection\n', ''), expected: ['detection/missing-condition@4:1'] },
    { name: 'condition list', text: FILTER.replace('    condition: not selection\n', '    condition:\n        - not selection\n'), expected: ['filter/invalid@10:9'] },
    { name: 'undefined identifier', text: FILTER.replace('not selection', 'not sel'), expected: ['condition/undefined-identifier@9:20'] },
    { name: 'missing logsource', text: FILTER.replace('logsource:\n    product: windows\n', ''), expected: ['schema/missing-field@1:1'] },
  ];
  it.each(errors)('error: $name', ({ text, expected }) => {
    const r = parseSigma(text, 'f.yml');
    expect(codes(r.diagnostics.filter((d) => d.severity === 'error'))).toEqual(expected);
  });

  it('unresolved filter references are located errors', () => {
    const c = loadCollection([{ text: FILTER.replace('failed_logon', 'nope'), file: 'f.yml' }, { text: RULES, file: 'r.yml' }]);
    expect(c.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(['f.yml:6:11 filter/unresolved-reference']);
    expect(c.filters).toEqual([]);
    expect(c.rules[0]?.conditions[0]?.text).toBe('selection');
  });
});
