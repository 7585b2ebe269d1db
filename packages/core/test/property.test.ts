import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCollection, lowerRule, parseSigma, parseSigmaString, type ValuePart } from '../src/index.js';

const RULE = `title: Suspicious cmd
id: 0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d
status: test
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\\cmd.exe'
        CommandLine|windash|contains:
            - ' -c '
            - ' /k '
        Hash|base64offset|contains: 'hello'
        Port|gt: 1024
    filter_main:
        - User|startswith: 'adm_'
        - Src|cidr: 10.0.0.0/8
        - Rx|re|i: '^a(b|c)+$'
    keywords:
        - evil
        - 42
    condition: selection and not 1 of filter_* or keywords
level: high
tags:
    - attack.execution
---
title: Corr
correlation:
    type: event_count
    rules: [0ff4bd2c-6f1e-4c27-a1f3-4a8e6d2b3c4d]
    group-by: [User]
    timespan: 5m
    condition: {gte: 3, lt: 100}
`;

/** Every parse must end with diagnostics (never a throw), each located; documents only when error-free. */
function checkResult(text: string): void {
  const r = parseSigma(text, 'p.yml');
  for (const d of r.diagnostics) {
    expect(d.code).not.toBe('internal/error');
    expect(d.line).toBeGreaterThan(0);
    expect(d.column).toBeGreaterThan(0);
  }
  // Contract with the lowering: whatever the parser accepts lowers without error.
  for (const doc of r.documents) if (doc.kind === 'rule') lowerRule(doc);
}

const yamlish = fc.constantFrom(':', '-', ' ', '\n', '\t', '"', "'", '|', '>', '*', '&', '!', '[', ']', '{', '}', '#', ',', '?', '%', '@', '`', '\\', '\r', '\u00e9', '\uFEFF', 'a', '1');

describe('parser robustness (fast-check)', () => {
  it('random strings never make parseSigma throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => checkResult(s)), { numRuns: 500 });
  });

  it('YAML-ish garbage never makes parseSigma throw', () => {
    fc.assert(fc.property(fc.array(yamlish, { maxLength: 300 }).map((a) => a.join('')), (s) => checkResult(s)), { numRuns: 500 });
  });

  it('mutated rules never make parseSigma throw', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(yamlish, { minLength: 1, maxLength: 8 }).map((a) => a.join('')) }),
      fc.record({ kind: fc.constant('dupline' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
      fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let text = RULE;
        for (const m of mutations) {
          const lines = text.split('\n');
          const li = lines.length ? m.at % lines.length : 0;
          switch (m.kind) {
            case 'delete': {
              const p = m.at % (text.length + 1);
              text = text.slice(0, p) + text.slice(p + m.len);
              break;
            }
            case 'insert': {
              const p = m.at % (text.length + 1);
              text = text.slice(0, p) + m.text + text.slice(p);
              break;
            }
            case 'dupline':
              lines.splice(li, 0, lines[li] ?? '');
              text = lines.join('\n');
              break;
            case 'swap': {
              const oi = m.other % lines.length;
              [lines[li], lines[oi]] = [lines[oi] ?? '', lines[li] ?? ''];
              text = lines.join('\n');
              break;
            }
            case 'indent':
              lines[li] = m.by > 0 ? ' '.repeat(m.by) + lines[li] : (lines[li] ?? '').slice(-m.by);
              text = lines.join('\n');
              break;
          }
        }
        checkResult(text);
        loadCollection([{ text, file: 'p.yml' }]);
      }),
      { numRuns: 1000 },
    );
  });

  it('the unmutated property-test rule is valid', () => {
    const r = parseSigma(RULE, 'p.yml');
    expect(r.diagnostics).toEqual([]);
    expect(r.documents.map((d) => d.kind)).toEqual(['rule', 'correlation']);
  });

  it('Sigma string escaping round-trips', () => {
    const part: fc.Arbitrary<ValuePart> = fc.oneof(
      fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', '\\', '*', '?', ' ', '%', 'é') }).map((text) => ({ kind: 'literal' as const, text })),
      fc.constant({ kind: 'wildcard-multi' as const }),
      fc.constant({ kind: 'wildcard-single' as const }),
    );
    const escape = (parts: readonly ValuePart[]) =>
      parts.map((p) => (p.kind === 'literal' ? p.text.replace(/[\\*?]/g, (c) => '\\' + c) : p.kind === 'wildcard-multi' ? '*' : '?')).join('');
    const normalize = (parts: readonly ValuePart[]) => {
      const out: ValuePart[] = [];
      for (const p of parts) {
        const last = out[out.length - 1];
        if (p.kind === 'literal' && last?.kind === 'literal') out[out.length - 1] = { kind: 'literal', text: last.text + p.text };
        else out.push(p);
      }
      return out;
    };
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        expect(parseSigmaString(escape(parts)).parts).toEqual(normalize(parts));
      }),
      { numRuns: 1000 },
    );
  });

  it('random condition strings never throw', () => {
    const word = fc.constantFrom('sel', 'selection', 'filter', 'and', 'or', 'not', '1', 'all', 'any', 'of', 'them', '(', ')', 'sel*', '*', '2', 'AND', '|', 'x-y', '_h');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }).map((a) => a.join(' ')), (cond) => {
        checkResult(`title: t\nlogsource: {product: p}\ndetection:\n    sel: {a: 1}\n    selection: {b: 2}\n    filter: {c: 3}\n    _h: {d: 4}\n    condition: '${cond}'\n`);
      }),
      { numRuns: 1000 },
    );
  });
});
