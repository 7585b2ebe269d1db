import { syntax, unsupported } from './errors.js';
import { compileEval, type EvalFn } from './eval.js';
import { decodeSearchString, type Token } from './lexer.js';
import { numberOf, textOf, valuesOf, type FieldValue, type Row } from './values.js';

/**
 * stats (and the aggregates of tstats): `fn(field|eval(expr)) [as name]`, `count [as name]`, `by f1 f2`.
 * Search Reference, stats and the statistical functions:
 *  - rows missing a `by` field are left out; a multivalue `by` field puts the row in one group per value;
 *  - count counts rows (count(f): rows where f has a value); dc counts distinct values; values() is the
 *    distinct values in lexicographic order; list() all values in row order;
 *  - min/max compare numerically when every value is a number, else lexicographically; sum/avg use the
 *    numeric values only; an aggregate with no values yields no field (count and dc yield 0);
 *  - median, perc, p, upperperc, exactperc, estdc are refused: Splunk computes approximations (perc, estdc) or
 *    does not document the interpolation, so no exact verdict can be claimed.
 *  - groups are returned sorted by the by-field values (numeric when both are numbers).
 */
type AggKind = 'count' | 'dc' | 'values' | 'list' | 'min' | 'max' | 'sum' | 'avg' | 'first' | 'last' | 'range';

interface Agg {
  readonly kind: AggKind;
  /** Field read, or an eval expression; undefined for bare count. */
  readonly field?: string;
  readonly expr?: EvalFn;
  readonly as: string;
}

export interface StatsSpec {
  readonly aggs: readonly Agg[];
  readonly by: readonly string[];
}

const ALIASES: Readonly<Record<string, AggKind>> = {
  count: 'count',
  c: 'count',
  dc: 'dc',
  distinct_count: 'dc',
  values: 'values',
  list: 'list',
  min: 'min',
  max: 'max',
  sum: 'sum',
  avg: 'avg',
  mean: 'avg',
  first: 'first',
  last: 'last',
  range: 'range',
};

const APPROX = /^(median|perc\d*(\.\d+)?|p\d+(\.\d+)?|upperperc\d*|exactperc\d*|estdc|estdc_error|mode|stdev|stdevp|var|varp)$/;

/** Parse the tokens of a stats clause (after the command name, before `by`). */
export function parseStats(tokens: readonly Token[], offset: number): StatsSpec {
  const byAt = tokens.findIndex((t) => t.kind === 'word' && (t.text === 'by' || t.text === 'BY'));
  const aggTokens = byAt < 0 ? tokens : tokens.slice(0, byAt);
  const by = byAt < 0 ? [] : fieldList(tokens.slice(byAt + 1));
  if (byAt >= 0 && by.length === 0) syntax('by without fields', tokens[byAt]!.offset);
  const aggs: Agg[] = [];
  let i = 0;
  while (i < aggTokens.length) {
    const t = aggTokens[i]!;
    if (t.kind === 'comma') {
      i++;
      continue;
    }
    if (t.kind !== 'word') syntax(`unexpected '${t.text}' in stats`, t.offset);
    const fn = t.text;
    let field: string | undefined;
    let expr: EvalFn | undefined;
    let text = fn;
    i++;
    if (aggTokens[i]?.kind === 'lparen') {
      // fn( field ) or fn( eval( expr ) ): find the matching ')'.
      let depth = 0;
      let j = i;
      for (; j < aggTokens.length; j++) {
        if (aggTokens[j]!.kind === 'lparen') depth++;
        if (aggTokens[j]!.kind === 'rparen' && --depth === 0) break;
      }
      if (j >= aggTokens.length) syntax(`unclosed '(' in ${fn}(`, t.offset);
      const inner = aggTokens.slice(i + 1, j);
      text = fn + '(' + inner.map((x) => x.text).join('') + ')';
      if (inner[0]?.kind === 'word' && inner[0].text === 'eval' && inner[1]?.kind === 'lparen' && inner.at(-1)?.kind === 'rparen') {
        expr = compileEval(inner.slice(2, -1));
      } else if (inner.length === 1 && (inner[0]!.kind === 'word' || inner[0]!.kind === 'string' || inner[0]!.kind === 'squote')) {
        field = inner[0]!.inner;
      } else syntax(`${fn}() takes a field or eval(...)`, t.offset);
      i = j + 1;
    }
    const kind = ALIASES[fn];
    if (!kind) {
      if (APPROX.test(fn)) unsupported(`stats ${fn}(): Splunk's result is an approximation or undocumented`, t.offset);
      unsupported(`stats function ${fn}`, t.offset);
    }
    if (kind !== 'count' && field === undefined && expr === undefined) syntax(`${fn} needs a field`, t.offset);
    let as = text;
    const a = aggTokens[i];
    if (a?.kind === 'word' && (a.text === 'as' || a.text === 'AS')) {
      const name = aggTokens[i + 1];
      if (!name || (name.kind !== 'word' && name.kind !== 'string')) syntax('as without a name', a.offset);
      as = name.inner;
      i += 2;
    }
    aggs.push({ kind, ...(field !== undefined ? { field } : {}), ...(expr ? { expr } : {}), as });
  }
  if (aggs.length === 0) syntax('stats without an aggregate', offset);
  return { aggs, by };
}

/** Field names separated by spaces or commas. */
export function fieldList(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'comma') continue;
    if (t.kind !== 'word' && t.kind !== 'string') syntax(`unexpected '${t.text}' in a field list`, t.offset);
    out.push(t.kind === 'string' ? decodeSearchString(t.inner) : t.inner);
  }
  return out;
}

function cmpValues(a: string | number, b: string | number): number {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) return x - y;
  const s = textOf(a);
  const t = textOf(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

function aggValues(agg: Agg, row: Row): readonly (string | number)[] {
  if (agg.expr) {
    const v = agg.expr(row);
    if (v === null) return [];
    if (typeof v === 'boolean') return [v ? 'true' : 'false'];
    return Array.isArray(v) ? v : [v as string | number];
  }
  return valuesOf(row.get(agg.field!));
}

function finish(agg: Agg, rows: readonly Row[]): FieldValue | undefined {
  if (agg.kind === 'count' && agg.field === undefined && !agg.expr) return rows.length;
  const all: (string | number)[] = [];
  let counted = 0;
  for (const r of rows) {
    const vs = aggValues(agg, r);
    if (vs.length > 0) counted++;
    all.push(...vs);
  }
  switch (agg.kind) {
    case 'count':
      return counted;
    case 'dc':
      return new Set(all.map(textOf)).size;
    case 'values': {
      const u = [...new Set(all.map(textOf))].sort();
      return u.length === 0 ? undefined : u.length === 1 ? u[0]! : u;
    }
    case 'list':
      return all.length === 0 ? undefined : all.length === 1 ? all[0]! : all.slice(0, 100);
    case 'first':
      return all[0];
    case 'last':
      return all.at(-1);
    case 'min':
    case 'max':
    case 'range': {
      if (all.length === 0) return undefined;
      const sorted = [...all].sort(cmpValues);
      if (agg.kind === 'range') {
        const lo = numberOf(sorted[0]!);
        const hi = numberOf(sorted.at(-1)!);
        return lo === undefined || hi === undefined ? undefined : hi - lo;
      }
      const v = agg.kind === 'min' ? sorted[0]! : sorted.at(-1)!;
      return numberOf(v) ?? v;
    }
    case 'sum':
    case 'avg': {
      const nums = all.map(numberOf).filter((n): n is number => n !== undefined);
      if (nums.length === 0) return undefined;
      const s = nums.reduce((x, y) => x + y, 0);
      return agg.kind === 'sum' ? s : s / nums.length;
    }
  }
}

/** Run a stats spec over rows; `fill` replaces a missing by-field (tstats fillnull_value). */
export function runStats(spec: StatsSpec, rows: readonly Row[], fill?: string): Row[] {
  const groups = new Map<string, { key: (string | number)[]; rows: Row[] }>();
  const keysOf = (r: Row): (string | number)[][] => {
    let acc: (string | number)[][] = [[]];
    for (const f of spec.by) {
      let vs = valuesOf(r.get(f));
      if (vs.length === 0) {
        if (fill === undefined) return [];
        vs = [fill];
      }
      acc = acc.flatMap((k) => vs.map((v) => [...k, v]));
    }
    return acc;
  };
  for (const r of rows) {
    for (const key of keysOf(r)) {
      const id = JSON.stringify(key.map(textOf));
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { key, rows: [] }));
      g.rows.push(r);
    }
  }
  // stats over no rows and no by clause still yields one row (count=0).
  if (spec.by.length === 0 && groups.size === 0) groups.set('[]', { key: [], rows: [] });
  const ordered = [...groups.values()].sort((a, b) => {
    for (let k = 0; k < a.key.length; k++) {
      const d = cmpValues(a.key[k]!, b.key[k]!);
      if (d !== 0) return d;
    }
    return 0;
  });
  return ordered.map((g) => {
    const out: Row = new Map();
    spec.by.forEach((f, k) => out.set(f, g.key[k]!));
    for (const agg of spec.aggs) {
      const v = finish(agg, g.rows);
      if (v !== undefined) out.set(agg.as, v);
    }
    return out;
  });
}
