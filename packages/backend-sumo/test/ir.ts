import type { Expr, SigmaCollection, SigmaRule, StringValue, ValuePart } from '@sigmats/core';

/** Hand-built IR for tests that must not depend on YAML escaping (property tests feed arbitrary strings). */
const loc = { file: 'ir.yml', line: 1, column: 1 };

export type Shape = 'exact' | 'contains' | 'startswith' | 'endswith' | 'inner';

export function stringValue(text: string, shape: Shape, cased = false): StringValue {
  const lit = (t: string): ValuePart => ({ kind: 'literal', text: t });
  const star: ValuePart = { kind: 'wildcard-multi' };
  const parts: ValuePart[] =
    shape === 'exact' ? [lit(text)]
    : shape === 'contains' ? [star, lit(text), star]
    : shape === 'startswith' ? [lit(text), star]
    : shape === 'endswith' ? [star, lit(text)]
    : [lit(text), { kind: 'wildcard-single' }, lit(text)];
  return { kind: 'string', parts, cased, loc };
}

export function ruleWith(field: string | null, value: StringValue, product = 'test'): SigmaRule {
  return {
    kind: 'rule',
    title: 'IR rule',
    id: '00000000-0000-0000-0000-000000000001',
    taxonomy: 'sigma',
    references: [],
    related: [],
    falsepositives: [],
    tags: [],
    custom: {},
    loc,
    fieldLocs: {},
    logsource: { product, custom: {}, loc },
    detections: [
      {
        kind: 'detection',
        name: 'sel',
        body: { kind: 'group', link: 'and', items: [{ kind: 'item', field, modifiers: [], values: [value], link: 'or', negated: false, loc }], loc },
        loc,
      },
    ],
    conditions: [{ kind: 'condition', text: 'sel', root: { kind: 'identifier', name: 'sel', loc }, loc }],
    fields: [],
    scope: [],
  };
}

export function collectionOf(...rules: SigmaRule[]): SigmaCollection {
  return { rules, correlations: [], filters: [], byRef: new Map(), diagnostics: [] };
}

export type { Expr };
