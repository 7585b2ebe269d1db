// Hand-built IR for tests: the parser is exercised elsewhere; here we pin evaluation semantics.
import type { Expr, ScalarValue, SourceLocation, StringValue, ValuePart, RegexFlags } from '@sigmats/core';
import { compileExpr, EventView, type EventObject } from '../src/index.js';

export const loc: SourceLocation = { file: 'test.yml', line: 1, column: 1 };

/** Sigma string syntax: `*` and `?` wildcards, `\*` `\?` `\\` escapes, other backslashes literal. */
export function parts(text: string): ValuePart[] {
  const out: ValuePart[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit) out.push({ kind: 'literal', text: lit });
    lit = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && '*?\\'.includes(text[i + 1]!)) {
      lit += text[++i];
    } else if (c === '*') {
      flush();
      out.push({ kind: 'wildcard-multi' });
    } else if (c === '?') {
      flush();
      out.push({ kind: 'wildcard-single' });
    } else lit += c;
  }
  flush();
  return out;
}

export const str = (text: string, cased = false): StringValue => ({ kind: 'string', parts: parts(text), cased, loc });
export const num = (value: number): ScalarValue => ({ kind: 'number', value, loc });
export const bool = (value: boolean): ScalarValue => ({ kind: 'boolean', value, loc });
export const nul: ScalarValue = { kind: 'null', loc };
export const exists = (e: boolean): ScalarValue => ({ kind: 'exists', exists: e, loc });
export const re = (pattern: string, f: Partial<RegexFlags> = {}): ScalarValue => ({
  kind: 'regex',
  pattern,
  flags: { ignoreCase: false, multiline: false, dotAll: false, ...f },
  placeholders: [],
  loc,
});
export const cidr = (network: string, prefixLength: number): ScalarValue => ({
  kind: 'cidr',
  version: network.includes(':') ? 6 : 4,
  network,
  prefixLength,
  loc,
});
export const cmp = (op: 'lt' | 'lte' | 'gt' | 'gte', value: number): ScalarValue => ({ kind: 'compare', op, value, loc });
export const ref = (field: string, match: 'equals' | 'startswith' | 'endswith' | 'contains' = 'equals', cased = false): ScalarValue => ({
  kind: 'fieldref',
  field,
  match,
  cased,
  loc,
});
export const tpart = (
  part: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year',
  value: number,
  op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte' = 'eq',
): ScalarValue => ({ kind: 'timestamp-part', part, op, value, loc });

export const m = (field: string, value: ScalarValue, origin = 'selection'): Expr => ({ kind: 'match', field, value, origin, loc });
export const kw = (value: StringValue | ReturnType<typeof re>, origin = 'keywords'): Expr =>
  ({ kind: 'keyword', value, origin, loc }) as Expr;
export const and = (...operands: Expr[]): Expr => ({ kind: 'and', operands, loc });
export const or = (...operands: Expr[]): Expr => ({ kind: 'or', operands, loc });
export const not = (operand: Expr): Expr => ({ kind: 'not', operand, loc });

/** Evaluate one expression on one event (default field lookup). */
export function evaluate(expr: Expr, event: EventObject): boolean {
  const c = compileExpr(expr, { rule: 'test', diagnostics: [] });
  return c.test(new EventView(event, 'exact-then-path', undefined));
}
