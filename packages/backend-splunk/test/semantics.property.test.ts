import type { Expr, ScalarValue, ValuePart } from '@sigmats/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderCondition, searchPipeline } from '../src/render/query.js';
import { splMatches, type Event } from './helpers/spl-eval.js';

/**
 * Differential test: random conditions over random events, Sigma semantics (a small reference evaluator
 * below) against the emitted SPL run by a mini interpreter of the Splunk semantics the backend relies on
 * (helpers/spl-eval.ts). Catches wrong grouping, wrong search/where split, and missing null guards.
 * Events never hold empty strings: `F=*` (search) needs a non-empty value, a documented difference.
 */
const LOC = { file: 'sem.yml', line: 1, column: 1 };
const FIELDS = ['A', 'B', 'C'] as const;

const partArb: fc.Arbitrary<ValuePart> = fc.oneof(
  fc.constantFrom<ValuePart>({ kind: 'wildcard-multi' }, { kind: 'wildcard-single' }),
  fc.constantFrom('a', 'b', 'A', 'ab', '*', '.', '\\').map((text): ValuePart => ({ kind: 'literal', text })),
);

const valueArb: fc.Arbitrary<ScalarValue> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(partArb, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([parts, cased]): ScalarValue => ({ kind: 'string', parts, cased: cased && Math.random() < 0.3, loc: LOC })) },
  { weight: 1, arbitrary: fc.constantFrom('^a', 'b$', 'a.b', '(?i)A').map((pattern): ScalarValue => ({ kind: 'regex', pattern: pattern.replace('(?i)', ''), flags: { ignoreCase: pattern.startsWith('(?i)'), multiline: false, dotAll: false }, placeholders: [], loc: LOC })) },
  { weight: 1, arbitrary: fc.constant<ScalarValue>({ kind: 'null', loc: LOC }) },
  { weight: 1, arbitrary: fc.boolean().map((exists): ScalarValue => ({ kind: 'exists', exists, loc: LOC })) },
);

const leafArb: fc.Arbitrary<Expr> = fc.tuple(fc.constantFrom(...FIELDS), valueArb).map(([field, value]) => ({ kind: 'match', field, value, origin: 's', loc: LOC }));

const exprArb = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((operands): Expr => ({ kind: 'and', operands, loc: LOC })),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((operands): Expr => ({ kind: 'or', operands, loc: LOC })),
    tie('e').map((operand): Expr => ({ kind: 'not', operand, loc: LOC })),
  ),
}));

const eventArb: fc.Arbitrary<Event> = fc.record(
  Object.fromEntries(FIELDS.map((f) => [f, fc.option(fc.constantFrom('a', 'A', 'b', 'ab', 'ba', 'a*', 'aab', 'x', 'a.b', 'a\\', '\\b'), { nil: undefined })])),
);

/** Sigma semantics for the generated subset. */
function sigma(e: Expr, ev: Event): boolean {
  switch (e.kind) {
    case 'and':
      return e.operands.every((o) => sigma(o, ev));
    case 'or':
      return e.operands.some((o) => sigma(o, ev));
    case 'not':
      return !sigma(e.operand, ev);
    case 'match': {
      const v = ev[e.field];
      const val = e.value;
      switch (val.kind) {
        case 'null':
          return v === undefined;
        case 'exists':
          return (v !== undefined) === val.exists;
        case 'regex':
          return v !== undefined && new RegExp(val.pattern, val.flags.ignoreCase ? 'i' : '').test(v);
        case 'string': {
          if (v === undefined) return false;
          const src = val.parts
            .map((p) => (p.kind === 'literal' ? p.text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&') : p.kind === 'wildcard-multi' ? '[\\s\\S]*' : p.kind === 'wildcard-single' ? '[\\s\\S]' : ''))
            .join('');
          return new RegExp(`^${src}$`, val.cased ? '' : 'i').test(v);
        }
        default:
          throw new Error('not generated');
      }
    }
    default:
      throw new Error('not generated');
  }
}

describe('emitted SPL means the Sigma condition', () => {
  test('random conditions × random events', () => {
    fc.assert(
      fc.property(exprArb.e, fc.array(eventArb, { minLength: 8, maxLength: 8 }), (expr, events) => {
        const r = renderCondition(expr, [], { stage: 'search' });
        if (!r.ok) throw new Error(r.errors.map((d) => d.message).join('; '));
        const spl = searchPipeline(r.value);
        for (const ev of events) expect(splMatches(spl, ev), `${spl}\n${JSON.stringify(ev)}`).toBe(sigma(expr, ev));
      }),
      { numRuns: 1500 },
    );
  });
});
